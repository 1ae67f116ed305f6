package dev.netloom.graph.catalog;

import java.util.Objects;

/**
 * The key of a layer type: the name written in project files ({@code "Conv2d"}), as a type the
 * compiler can check. Every module that has behaviour per layer type (training modules, ONNX
 * writers, operator counts, estimator roles, icons) keeps it in a registry keyed by this type,
 * and a contract test per module fails when a catalog type has no entry.
 *
 * <p>The constants are the built-in catalog's types; {@link #of} makes the key of any other name
 * (a test's own spec, or a name read from a file that the catalog then refuses). Equal names are
 * equal keys, so a constant and {@code of("Dense")} are interchangeable.
 *
 * @param name the name as written in project files
 */
public record LayerType(String name) {

    // Inputs
    public static final LayerType IMAGE = new LayerType("Image");
    public static final LayerType TOKENS = new LayerType("Tokens");
    public static final LayerType TABULAR = new LayerType("Tabular");
    // Core
    public static final LayerType DENSE = new LayerType("Dense");
    public static final LayerType DROPOUT = new LayerType("Dropout");
    public static final LayerType ACTIVATION = new LayerType("Activation");
    public static final LayerType FLATTEN = new LayerType("Flatten");
    public static final LayerType RESHAPE = new LayerType("Reshape");
    public static final LayerType ADD = new LayerType("Add");
    public static final LayerType CONCAT = new LayerType("Concat");
    public static final LayerType MULTIPLY = new LayerType("Multiply");
    // Convolution
    public static final LayerType CONV1D = new LayerType("Conv1d");
    public static final LayerType CONV2D = new LayerType("Conv2d");
    public static final LayerType CONV_TRANSPOSE2D = new LayerType("ConvTranspose2d");
    public static final LayerType DEPTHWISE_CONV2D = new LayerType("DepthwiseConv2d");
    public static final LayerType MAX_POOL1D = new LayerType("MaxPool1d");
    public static final LayerType MAX_POOL2D = new LayerType("MaxPool2d");
    public static final LayerType AVG_POOL1D = new LayerType("AvgPool1d");
    public static final LayerType AVG_POOL2D = new LayerType("AvgPool2d");
    public static final LayerType GLOBAL_AVG_POOL = new LayerType("GlobalAvgPool");
    public static final LayerType GLOBAL_MAX_POOL = new LayerType("GlobalMaxPool");
    public static final LayerType SQUEEZE_EXCITE = new LayerType("SqueezeExcite");
    public static final LayerType UPSAMPLE = new LayerType("Upsample");
    // Normalisation
    public static final LayerType BATCH_NORM = new LayerType("BatchNorm");
    public static final LayerType GROUP_NORM = new LayerType("GroupNorm");
    public static final LayerType LAYER_NORM = new LayerType("LayerNorm");
    // Attention and fusion
    public static final LayerType CLASS_TOKEN = new LayerType("ClassToken");
    public static final LayerType EMBEDDING = new LayerType("Embedding");
    public static final LayerType POSITIONAL_EMBEDDING = new LayerType("PositionalEmbedding");
    public static final LayerType PATCH_EMBEDDING = new LayerType("PatchEmbedding");
    public static final LayerType MULTI_HEAD_SELF_ATTENTION = new LayerType("MultiHeadSelfAttention");
    public static final LayerType TAKE_TOKEN = new LayerType("TakeToken");
    public static final LayerType TRANSFORMER_ENCODER_BLOCK = new LayerType("TransformerEncoderBlock");
    public static final LayerType CROSS_ATTENTION = new LayerType("CrossAttention");
    public static final LayerType GATED_FUSION = new LayerType("GatedFusion");
    // Recurrent
    public static final LayerType GRU = new LayerType("GRU");
    public static final LayerType LSTM = new LayerType("LSTM");
    // Mixture of experts
    public static final LayerType MOE = new LayerType("MoE");
    // Heads
    public static final LayerType CLASSIFICATION = new LayerType("Classification");
    public static final LayerType PER_POSITION_CLASSIFICATION = new LayerType("PerPositionClassification");
    public static final LayerType PER_POSITION_REGRESSION = new LayerType("PerPositionRegression");
    public static final LayerType REGRESSION = new LayerType("Regression");

    public LayerType {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a layer type needs a name");
        }
    }

    /** The key of a name, built-in or not. */
    public static LayerType of(String name) {
        return new LayerType(name);
    }

    /** True when {@code typeName} (as a node stores it) is this type. */
    public boolean is(String typeName) {
        return name.equals(typeName);
    }

    @Override
    public String toString() {
        return name;
    }
}
