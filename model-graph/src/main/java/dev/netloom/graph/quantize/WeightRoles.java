package dev.netloom.graph.quantize;

import dev.netloom.graph.catalog.LayerType;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Per layer type, the role of each weight tensor (by its local name, as the artifact stores it
 * {@code nodeId.local}): which tensors a precision quantizes and how. The exporter checks every
 * tensor it writes against this table, so training for a precision and exporting at it cannot
 * disagree; {@code WeightRolesTest} fails for a catalog type without an entry.
 */
public final class WeightRoles {

    private static final Map<LayerType, Function<String, WeightRole>> ROLES = new LinkedHashMap<>();
    private static final Map<LayerType, String> KEPT_IN_FP32 = new LinkedHashMap<>();

    static {
        for (LayerType t : new LayerType[] {LayerType.IMAGE, LayerType.TOKENS, LayerType.TABULAR, LayerType.DROPOUT,
                LayerType.ACTIVATION, LayerType.FLATTEN, LayerType.RESHAPE, LayerType.ADD, LayerType.CONCAT,
                LayerType.MULTIPLY, LayerType.MAX_POOL1D, LayerType.MAX_POOL2D, LayerType.AVG_POOL1D,
                LayerType.AVG_POOL2D, LayerType.GLOBAL_AVG_POOL, LayerType.GLOBAL_MAX_POOL, LayerType.UPSAMPLE}) {
            ROLES.put(t, local -> WeightRole.FLOAT);
        }
        for (LayerType t : new LayerType[] {LayerType.DENSE, LayerType.CLASSIFICATION, LayerType.PER_POSITION_CLASSIFICATION,
                LayerType.PER_POSITION_REGRESSION, LayerType.REGRESSION,
                LayerType.MULTI_HEAD_SELF_ATTENTION, LayerType.CROSS_ATTENTION, LayerType.TRANSFORMER_ENCODER_BLOCK,
                LayerType.GATED_FUSION, LayerType.SQUEEZE_EXCITE}) {
            ROLES.put(t, WeightRoles::linearWeights);
        }
        for (LayerType t : new LayerType[] {LayerType.CONV1D, LayerType.CONV2D, LayerType.CONV_TRANSPOSE2D, LayerType.DEPTHWISE_CONV2D, LayerType.PATCH_EMBEDDING,
                LayerType.EMBEDDING}) {
            ROLES.put(t, local -> local.equals("weight") ? WeightRole.MATRIX : WeightRole.FLOAT);
        }
        ROLES.put(LayerType.BATCH_NORM, local -> WeightRole.FLOAT);
        ROLES.put(LayerType.CLASS_TOKEN, local -> WeightRole.FLOAT);
        ROLES.put(LayerType.GROUP_NORM, local -> WeightRole.FLOAT);
        ROLES.put(LayerType.LAYER_NORM, local -> WeightRole.FLOAT);
        ROLES.put(LayerType.POSITIONAL_EMBEDDING, local -> WeightRole.FLOAT);
        ROLES.put(LayerType.TAKE_TOKEN, local -> WeightRole.FLOAT);
        // Both matrices of a recurrent layer are stored at the layer's precision as whole tensors (the writer
        // reorders PyTorch's gate rows to ONNX's after widening them); the biases stay FP32.
        for (LayerType t : new LayerType[] {LayerType.GRU, LayerType.LSTM}) {
            ROLES.put(t, local -> local.startsWith("weight_") ? WeightRole.MATRIX : WeightRole.FLOAT);
        }
        // A rounded router score can change which expert runs, so routers stay FP32; experts are quantized.
        ROLES.put(LayerType.MOE, local -> local.startsWith("router.") ? WeightRole.FLOAT : linearWeights(local));

        KEPT_IN_FP32.put(LayerType.BATCH_NORM, "its scales and statistics stay FP32 in every export (a few numbers "
                + "per channel, folded into the neighbouring layers)");
        KEPT_IN_FP32.put(LayerType.CLASS_TOKEN, "its token is put in front of the sequence, not multiplied, and "
                + "stays FP32 in every export");
        KEPT_IN_FP32.put(LayerType.GROUP_NORM, "its scales stay FP32 in every export (a few numbers per channel)");
        KEPT_IN_FP32.put(LayerType.LAYER_NORM, "its scales stay FP32 in every export (a few numbers per feature)");
        KEPT_IN_FP32.put(LayerType.POSITIONAL_EMBEDDING, "its positions are added to the tokens, not multiplied, and "
                + "stay FP32 in every export");
    }

    private WeightRoles() {
    }

    /** Whether the table has an entry for a type. */
    public static boolean covers(LayerType type) {
        return ROLES.containsKey(type);
    }

    /** The role of a node's weight tensor {@code local}; refused for a type the table does not hold. */
    public static WeightRole role(LayerType type, String local) {
        Function<String, WeightRole> roles = ROLES.get(type);
        if (roles == null) {
            throw new IllegalArgumentException("no weight roles for layer type " + type);
        }
        return roles.apply(local);
    }

    /**
     * Why a layer type that has weights has none a precision lowers (BatchNorm, LayerNorm,
     * positions), for refusing a plan that names such a node; empty for the others.
     */
    public static Optional<String> keptInFp32(LayerType type) {
        return Optional.ofNullable(KEPT_IN_FP32.get(type));
    }

    private static WeightRole linearWeights(String local) {
        return local.equals("weight") || local.endsWith(".weight") ? WeightRole.LINEAR : WeightRole.FLOAT;
    }
}
