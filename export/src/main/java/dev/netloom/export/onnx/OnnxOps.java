package dev.netloom.export.onnx;

/**
 * ONNX operator names that are spelled like studio layer types. An ONNX {@code Add} is an
 * operator, the studio's {@code Add} a layer type ({@code LayerType.ADD}): the writers name these
 * operators through the constants here, so that a layer type's name written as a string literal
 * anywhere outside the catalog is a mistake a test can find ({@code NoLayerTypeLiteralsTest}),
 * and an operator name is never one. Other operators ({@code "MatMul"}, {@code "Conv"}...) cannot
 * be mistaken for a layer type and stay literals where they are written.
 */
public final class OnnxOps {

    /** Element-wise addition with broadcasting. */
    public static final String ADD = "Add";
    /** Joins tensors along an axis. */
    public static final String CONCAT = "Concat";
    /** The largest value of each channel over all positions, keeping [N, C, 1, 1]. */
    public static final String GLOBAL_MAX_POOL = "GlobalMaxPool";
    /** Flattens to 2-D around an axis. */
    public static final String FLATTEN = "Flatten";
    /** A gated recurrent unit over a sequence (gates z, r, h). */
    public static final String GRU = "GRU";
    /** A long short-term memory over a sequence (gates i, o, f, c). */
    public static final String LSTM = "LSTM";
    /** Gives a tensor a new shape (a 0 keeps that dimension). */
    public static final String RESHAPE = "Reshape";

    private OnnxOps() {
    }
}
