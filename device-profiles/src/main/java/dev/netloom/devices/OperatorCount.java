package dev.netloom.devices;

import dev.netloom.graph.Precision;
import dev.netloom.graph.TensorKind;
import dev.netloom.graph.TensorType;
import dev.netloom.graph.analysis.NodeReport;
import dev.netloom.graph.catalog.LayerType;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How many ONNX operators one studio layer becomes in the exported file, counted from the
 * exporter's writers ({@code dev.netloom.export.onnx.OnnxLayers}, {@code NodeWriter},
 * {@code AttentionWriter}, {@code MoeWriter}) with the default export options (dynamic INT8,
 * MatMulNBits INT4). Only operators that run on every prediction are counted: those that work
 * on weights alone (the Cast of FP16 weights, DequantizeLinear and the Transpose of quantized
 * weights) are folded into constants when the model loads.
 *
 * <p>Why it matters: at batch 1 most transformer operators move a few kilobytes, so each costs
 * about the runtime's per-operator launch time, and a studio layer can be 20 or more of them.
 * {@code LayerOperatorCountTest} (module app) writes every catalog layer type and checks these
 * counts against the operators in the written file, so the two cannot drift apart. A registry
 * keyed by {@link LayerType}, built once; {@code OperatorCountTest} fails naming a catalog type
 * without an entry.
 */
public final class OperatorCount {

    /** Operators per prediction of one node at a weight precision. */
    @FunctionalInterface
    private interface Rule {
        int count(NodeReport r, Precision p);
    }

    private static final Map<LayerType, Rule> RULES = rules();

    private static Map<LayerType, Rule> rules() {
        Map<LayerType, Rule> rules = new LinkedHashMap<>();
        // Inputs are the graph's inputs; dropout is not written at all.
        rules.put(LayerType.IMAGE, (r, p) -> 0);
        rules.put(LayerType.TOKENS, (r, p) -> 0);
        rules.put(LayerType.TABULAR, (r, p) -> 0);
        rules.put(LayerType.DROPOUT, (r, p) -> 0);

        rules.put(LayerType.DENSE, (r, p) -> linear(p, bool(r, "bias")));
        rules.put(LayerType.ACTIVATION, (r, p) -> activation(String.valueOf(r.params().get("function"))));
        rules.put(LayerType.FLATTEN, (r, p) -> 1);
        rules.put(LayerType.RESHAPE, (r, p) -> 1);
        rules.put(LayerType.ADD, (r, p) -> 1);
        rules.put(LayerType.CONCAT, (r, p) -> 1);
        rules.put(LayerType.MULTIPLY, (r, p) -> 1);            // Mul

        rules.put(LayerType.CONV1D, (r, p) -> 1);
        rules.put(LayerType.CONV2D, (r, p) -> 1);
        rules.put(LayerType.CONV_TRANSPOSE2D, (r, p) -> 1);
        rules.put(LayerType.DEPTHWISE_CONV2D, (r, p) -> 1);
        rules.put(LayerType.MAX_POOL1D, (r, p) -> 1);   // MaxPool, or ReduceMax when global
        rules.put(LayerType.MAX_POOL2D, (r, p) -> 1);
        rules.put(LayerType.AVG_POOL1D, (r, p) -> 1);   // AveragePool, or ReduceMean when global
        // A Pad before the pool when padding differs between height and width (OnnxLayers.pool says why).
        rules.put(LayerType.AVG_POOL2D, (r, p) -> {
            int[] padding = dev.netloom.graph.catalog.ParamSpec.pair(r.params().get("padding"));
            return padding[0] == padding[1] ? 1 : 2;
        });
        // Pool + flatten over a feature map, one mean over a sequence.
        rules.put(LayerType.GLOBAL_AVG_POOL, (r, p) -> r.inputs().get("in").kind() == TensorKind.IMAGE ? 2 : 1);
        rules.put(LayerType.GLOBAL_MAX_POOL, (r, p) -> r.inputs().get("in").kind() == TensorKind.IMAGE ? 2 : 1);
        // GlobalAveragePool, Flatten, two linears with their activation and gate, Reshape, Mul.
        rules.put(LayerType.SQUEEZE_EXCITE, (r, p) -> 4 + 2 * linear(p, true)
                + activation(String.valueOf(r.params().get("activation"))) + activation(String.valueOf(r.params().get("gate"))));
        rules.put(LayerType.UPSAMPLE, (r, p) -> 1);            // Resize

        rules.put(LayerType.BATCH_NORM, (r, p) -> 1);
        rules.put(LayerType.GROUP_NORM, (r, p) -> 5);  // Reshape, InstanceNormalization, Reshape, Mul, Add
        rules.put(LayerType.LAYER_NORM, (r, p) -> 1);

        rules.put(LayerType.CLASS_TOKEN, (r, p) -> 5);         // Shape, Slice, Concat, Expand, Concat
        rules.put(LayerType.EMBEDDING, (r, p) -> 1);           // Gather
        rules.put(LayerType.POSITIONAL_EMBEDDING, (r, p) -> 1); // Add
        rules.put(LayerType.PATCH_EMBEDDING, (r, p) -> 3);      // Conv, Reshape, Transpose
        rules.put(LayerType.MULTI_HEAD_SELF_ATTENTION, (r, p) -> attention(p, bool(r, "bias"), false) + causal(r));
        rules.put(LayerType.TAKE_TOKEN, (r, p) -> 1);          // Gather
        rules.put(LayerType.TRANSFORMER_ENCODER_BLOCK, (r, p) -> 2 /* LayerNorm */ + attention(p, true, false)
                + 2 /* residual Add */ + 2 * linear(p, true) + activation(String.valueOf(r.params().get("activation"))) + causal(r));
        rules.put(LayerType.CROSS_ATTENTION, OperatorCount::crossAttention);
        rules.put(LayerType.GATED_FUSION, (r, p) -> gatedFusion(r.inputs().size(), p));
        // Transpose to sequence first, the GRU/LSTM operator, Transpose and Reshape of its result (the
        // gate reordering of the weights works on constants and is folded at load).
        rules.put(LayerType.GRU, (r, p) -> 4);
        rules.put(LayerType.LSTM, (r, p) -> 4);
        rules.put(LayerType.MOE, (r, p) -> mixtureOfExperts(intParam(r, "experts"),
                String.valueOf(r.params().get("activation")), p));

        rules.put(LayerType.CLASSIFICATION, (r, p) -> linear(p, true));
        // A feature map's channels are moved last and back around the linear layer: two Transposes.
        rules.put(LayerType.PER_POSITION_CLASSIFICATION, (r, p) -> perPosition(r, p));
        rules.put(LayerType.PER_POSITION_REGRESSION, (r, p) -> perPosition(r, p));
        rules.put(LayerType.REGRESSION, (r, p) -> linear(p, true));
        return Collections.unmodifiableMap(rules);
    }

    private OperatorCount() {
    }

    /**
     * Operators per prediction of one layer at weight precision {@code p} (default export options); 0 for
     * inputs and dropout. A BatchNorm or activation the runtime fuses still counts 1 here: the estimator
     * drops it by its role.
     *
     * @throws IllegalArgumentException for a layer type this table has no entry for
     */
    public static int of(NodeReport r, Precision p) {
        Rule rule = RULES.get(r.spec().layerType());
        if (rule == null) {
            throw new IllegalArgumentException("no operator count for layer type " + r.spec().type() + " (node "
                    + r.node().id() + ")");
        }
        return rule.count(r, p);
    }

    /** Whether the table has an entry for the type ({@code OperatorCountTest} checks every catalog type). */
    static boolean covers(LayerType type) {
        return RULES.containsKey(type);
    }

    /**
     * One linear layer (NodeWriter.linear): a MatMul (FP32, FP16 and weights dequantized at load),
     * MatMulNBits (INT4), or DynamicQuantizeLinear + MatMulInteger + Cast + 2 Mul (INT8); plus an
     * Add for the bias.
     */
    static int linear(Precision p, boolean bias) {
        int product = switch (p) {
            case INT8 -> 5;
            default -> 1; // MatMul, or MatMulNBits for INT4
        };
        return product + (bias ? 1 : 0);
    }

    /** The activation functions as NodeWriter.activation writes them. */
    static int activation(String function) {
        return switch (function) {
            case "GELU" -> 5; // Div, Erf, Add, Mul, Mul: exact GELU, no Gelu operator before opset 20
            case "SiLU" -> 2; // Sigmoid, Mul
            default -> 1;     // Relu, Clip (ReLU6), LeakyRelu, HardSwish, Sigmoid, HardSigmoid, Tanh, Softmax
        };
    }

    /**
     * Attention (AttentionWriter.write): four projections; Reshape + Transpose to split each of Q, K, V
     * into heads; Transpose + Reshape to merge them; softmax attention adds a Transpose of K,
     * 2 MatMul, Div and Softmax; linear attention adds 2 Elu, 3 Add, 3 MatMul, 2 Transpose,
     * ReduceSum and Div.
     */
    static int attention(Precision p, boolean bias, boolean linearVariant) {
        int projections = 4 * linear(p, bias);
        int heads = 3 * 2 + 2;
        int core = linearVariant ? 12 : 5;
        return projections + heads + core;
    }

    /** The Add of the causal mask to the scores, when the attention is causal. */
    private static int causal(NodeReport r) {
        return bool(r, "causal") ? 1 : 0;
    }

    /** Cross attention: attention, plus Unsqueeze/Squeeze for a single query and Reshape/Transpose of a feature map. */
    private static int crossAttention(NodeReport r, Precision p) {
        TensorType query = r.inputs().get("query");
        TensorType context = r.inputs().get("context");
        int extra = (query != null && query.kind() == TensorKind.VECTOR ? 2 : 0)
                + (context != null && context.kind() == TensorKind.IMAGE ? 2 : 0);
        return extra + attention(p, true, "linear".equals(r.params().get("variant")));
    }

    /** Concat, a gate linear and Softmax; per input a linear, Slice and Mul; Adds between them. */
    static int gatedFusion(int inputs, Precision p) {
        return 1 + linear(p, true) + 1 + inputs * (linear(p, true) + 2) + (inputs - 1);
    }

    /**
     * MoeWriter.write: Reshape to tokens, router MatMul, TopK, Softmax, Mul (zeros),
     * ScatterElements, Shape and Reshape back; per expert two linears, the activation, Slice and Mul;
     * Adds between experts. Every expert runs: the file is dense.
     */
    static int mixtureOfExperts(int experts, String activation, Precision p) {
        return 8 + experts * (2 * linear(p, true) + activation(activation) + 2) + (experts - 1);
    }

    private static int perPosition(NodeReport r, Precision p) {
        return linear(p, true) + (r.inputs().get("in").kind() == TensorKind.IMAGE ? 2 : 0);
    }

    private static boolean bool(NodeReport r, String name) {
        return Boolean.TRUE.equals(r.params().get(name));
    }

    private static int intParam(NodeReport r, String name) {
        return ((Number) r.params().get(name)).intValue();
    }
}
