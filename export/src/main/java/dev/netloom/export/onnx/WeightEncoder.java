package dev.netloom.export.onnx;

/**
 * How one precision stores a weight matrix in the ONNX file and multiplies by it: one
 * implementation per encoding (FP32, FP16, INT8 as Cast × scale, INT8 for MatMulInteger, INT4 for
 * MatMulNBits, INT4 for DequantizeLinear, codes packed several to a byte), chosen for a node by
 * {@link WeightEncoders}. Every encoder returns, with the tensor it wrote, the weights as the
 * written model computes with them, so the parity tests can load exactly those into the engine.
 */
interface WeightEncoder {

    /**
     * A float tensor standing for a weight matrix of its own shape (convolution kernels,
     * embedding tables): {@code rows × cols} values, rows being the first dimension.
     */
    Encoded matrix(NodeWriter node, String local, float[] w, int rows, int cols, long... shape);

    /**
     * {@code x·Wᵀ} on the last axis of {@code x}, W stored as (out, in) under
     * {@code nodeId.local}; operator names start with {@code hint}.
     */
    Encoded product(NodeWriter node, String x, String local, String hint, float[] w, int out, int in);

    /**
     * What an encoder wrote.
     *
     * @param tensor the name of the float tensor (a matrix or a product) in the graph
     * @param seenAs the weights, in the caller's layout, as the written model computes with them
     */
    record Encoded(String tensor, float[] seenAs) {
    }
}
