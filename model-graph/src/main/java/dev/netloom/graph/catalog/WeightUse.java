package dev.netloom.graph.catalog;

/**
 * How a layer type uses its trainable weights: what decides whether they can be stored at a low
 * precision, what kind of kernel runs them, and how much of them one prediction reads.
 */
public enum WeightUse {
    /** No trainable weights. */
    NONE(false),
    /**
     * Weights that multiply activations as matrix products: dense layers, heads, the projections of
     * attention, fusion gates and experts.
     */
    MATRIX_PRODUCT(true),
    /** Convolution kernels slid over a picture (convolutions, patch embeddings). */
    CONVOLUTION(true),
    /**
     * The input and recurrent matrices of a GRU or LSTM, multiplied step by step inside the
     * runtime's recurrent kernel. Stored at the layer's precision; ONNX's GRU and LSTM take float
     * weights, so ONNX Runtime widens them to FP32 when it loads the model and computes in FP32.
     */
    RECURRENT(true),
    /** A table read one row per token (an embedding), not multiplied whole. */
    LOOKUP(true),
    /**
     * Per-feature scales, shifts or added tables (normalisation, positional embeddings): few, and
     * sensitive, so every precision keeps them at full precision.
     */
    ELEMENTWISE(false);

    private final boolean quantizable;

    WeightUse(boolean quantizable) {
        this.quantizable = quantizable;
    }

    /** Whether weights used this way are stored at the layer's precision (FP16, INT8, INT4...). */
    public boolean quantizable() {
        return quantizable;
    }
}
