package dev.netloom.devices;

import dev.netloom.graph.Precision;
import dev.netloom.graph.TensorKind;
import dev.netloom.graph.TensorType;
import dev.netloom.graph.analysis.NodeReport;

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
 * counts against the operators in the written file, so the two cannot drift apart.
 */
public final class OperatorCount {

    private OperatorCount() {
    }

    /**
     * Operators per prediction of one layer at weight precision {@code p} (default export options); 0 for
     * inputs and dropout. A BatchNorm or activation the runtime fuses still counts 1 here: the estimator
     * drops it by its role.
     */
    public static int of(NodeReport r, Precision p) {
        return switch (r.node().type()) {
            case "Image", "Tokens", "Tabular", "Dropout" -> 0;
            case "Dense" -> linear(p, bool(r, "bias"));
            case "Classification", "Regression" -> linear(p, true);
            case "Activation" -> activation(String.valueOf(r.params().get("function")));
            case "GlobalAvgPool" -> r.inputs().get("in").kind() == TensorKind.IMAGE ? 2 : 1; // pool + flatten, or mean
            case "PatchEmbedding" -> 3; // Conv, Reshape, Transpose
            case "MultiHeadSelfAttention" -> attention(p, bool(r, "bias"), false);
            case "TransformerEncoderBlock" -> 2 /* LayerNorm */ + attention(p, true, false) + 2 /* residual Add */
                    + 2 * linear(p, true) + activation(String.valueOf(r.params().get("activation")));
            case "CrossAttention" -> crossAttention(r, p);
            case "GatedFusion" -> gatedFusion(r.inputs().size(), p);
            case "MoE" -> mixtureOfExperts(intParam(r, "experts"), String.valueOf(r.params().get("activation")), p);
            // One operator each: Conv, depthwise Conv, pools, BatchNorm, LayerNorm, Gather, Add, Concat,
            // Flatten, Reshape, PositionalEmbedding (an Add).
            default -> 1;
        };
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
            default -> 1;     // Relu, Clip (ReLU6), Sigmoid, Tanh, Softmax
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

    private static boolean bool(NodeReport r, String name) {
        return Boolean.TRUE.equals(r.params().get(name));
    }

    private static int intParam(NodeReport r, String name) {
        return ((Number) r.params().get(name)).intValue();
    }
}
