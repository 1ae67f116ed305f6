package dev.netloom.export.onnx;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import dev.netloom.export.ExportOptions;
import dev.netloom.graph.quantize.QuantizedWeight;
import dev.netloom.graph.quantize.WeightRole;
import dev.netloom.graph.quantize.WeightRoles;
import dev.netloom.graph.quantize.WeightRule;
import dev.netloom.graph.Precision;
import dev.netloom.graph.analysis.NodeReport;
import dev.netloom.graph.artifact.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a layer writer sees while writing one studio node: its analysed report, the tensors at
 * its input ports, its weights, and the operators it may use. Weight matrices go through
 * {@link #matrix} and {@link #linear}, which hand them to the node precision's
 * {@link WeightEncoder} ({@link WeightEncoders}): how they are stored (FP32, FP16, INT8, INT4,
 * ternary, binary) and how they are multiplied.
 */
public final class NodeWriter {

    private final OnnxGraph g;
    private final NodeReport report;
    private final Map<String, String> inputs;
    private final Weights weights;
    private final ExportOptions options;
    private final WeightEncoder encoder;
    private final Map<String, Tensor> effective;
    private final WeightRule rule;
    private final Precision precision;
    private WeightStats stats;

    private final ActivationRanges activations;

    NodeWriter(OnnxGraph g, NodeReport report, Map<String, String> inputs, Weights weights, Precision precision,
               ExportOptions options, Map<String, Tensor> effective, ActivationRanges activations) {
        this.activations = activations;
        this.effective = effective;
        this.g = g;
        this.report = report;
        this.inputs = inputs;
        this.weights = weights;
        this.options = options;
        this.precision = precision;
        this.encoder = WeightEncoders.of(precision, options);
        this.rule = options.weightRule();
        this.stats = new WeightStats(report.node().id(), precision, 0, 0, 0);
        g.owner(report.node().id());
    }

    public OnnxGraph graph() {
        return g;
    }

    public NodeReport report() {
        return report;
    }

    public String id() {
        return report.node().id();
    }

    WeightStats stats() {
        return stats;
    }

    public String in() {
        return input("in");
    }

    public String input(String port) {
        String name = inputs.get(port);
        if (name == null) {
            throw new IllegalStateException(id() + ": input " + port + " is not connected");
        }
        return name;
    }

    public Optional<String> optionalInput(String port) {
        return Optional.ofNullable(inputs.get(port));
    }

    public int intParam(String name) {
        return (Integer) report.params().get(name);
    }

    public double doubleParam(String name) {
        return (Double) report.params().get(name);
    }

    public boolean boolParam(String name) {
        return (Boolean) report.params().get(name);
    }

    public String stringParam(String name) {
        return (String) report.params().get(name);
    }

    // ---- weights -------------------------------------------------------------------------

    /** A tensor kept in FP32 whatever the precision (biases, norms, positions, routers). */
    public String fp32(String local, long... shape) {
        expectRole(local, WeightRole.FLOAT);
        float[] w = weights.get(id(), local, shape);
        stats = stats.plusOther(w.length);
        effective.put(id() + "." + local, Tensor.of(w, shape));
        return g.floats(id() + "." + local, w, shape);
    }

    /** A tensor's values, kept in FP32, for writers that rearrange them before writing. */
    public float[] values(String local, long... shape) {
        expectRole(local, WeightRole.FLOAT);
        float[] w = weights.get(id(), local, shape);
        stats = stats.plusOther(w.length);
        effective.put(id() + "." + local, Tensor.of(w, shape));
        return w;
    }

    /**
     * A weight matrix used as a float tensor of its own shape (convolution kernels, embedding
     * tables), stored at the node's precision; rows are the first dimension.
     */
    public String matrix(String local, long... shape) {
        expectRole(local, WeightRole.MATRIX);
        float[] w = weights.get(id(), local, shape);
        int rows = (int) shape[0];
        int cols = w.length / Math.max(1, rows);
        if (staticInt8()) {
            effective.put(id() + "." + local, Tensor.of(rule.seenAs(w, rows, cols, precision, WeightRole.MATRIX), shape));
            return staticWeight(local, rule.quantize(w, rows, cols, Precision.INT8, WeightRole.MATRIX), false, shape);
        }
        WeightEncoder.Encoded e = encoder.matrix(this, local, w, rows, cols, shape);
        effective.put(id() + "." + local, Tensor.of(e.seenAs(), shape));
        return e.tensor();
    }

    /**
     * {@code y = x·Wᵀ + b} on the last axis, W stored as (out, in) under {@code prefix.weight}
     * ({@code weight} when the prefix is empty), at the node's precision.
     */
    public String linear(String x, String prefix, long in, long out, boolean bias) {
        String local = prefix.isEmpty() ? "weight" : prefix + ".weight";
        String hint = id() + "." + (prefix.isEmpty() ? "" : prefix + ".");
        expectRole(local, WeightRole.LINEAR);
        float[] w = weights.get(id(), local, out, in);
        String y;
        if (staticInt8()) {
            effective.put(id() + "." + local, Tensor.of(rule.seenAs(w, (int) out, (int) in, precision, WeightRole.LINEAR), out, in));
            String wt = staticWeight(local, rule.quantize(w, (int) out, (int) in, precision, WeightRole.LINEAR), true, in, out);
            y = staticOutput(g.op("MatMul", hint + "matmul", List.of(staticInput(x), wt)));
        } else {
            WeightEncoder.Encoded e = encoder.product(this, x, local, hint, w, (int) out, (int) in);
            effective.put(id() + "." + local, Tensor.of(e.seenAs(), out, in));
            y = e.tensor();
        }
        if (bias) {
            String b = fp32(prefix.isEmpty() ? "bias" : prefix + ".bias", out);
            y = g.op(OnnxOps.ADD, hint + "out", List.of(y, b));
        }
        return y;
    }

    /** The writer options (block size, INT8 mode, INT4 layout), for the weight encoders. */
    ExportOptions options() {
        return options;
    }

    /** Counts {@code count} matrix weights stored in {@code bits} bits, scales and padding included. */
    void stored(long count, long bits) {
        stats = stats.plus(count, bits);
    }

    /** The rounding rule both this writer and quantization-aware training use. */
    WeightRule rule() {
        return rule;
    }

    /**
     * Every weight goes through the path {@link WeightRoles} names for it, the table training
     * for a precision rounds by: a writer that takes another path would export other weights
     * than were trained.
     */
    private void expectRole(String local, WeightRole role) {
        WeightRole listed = WeightRoles.role(report.spec().layerType(), local);
        if (listed != role) {
            throw new IllegalStateException(id() + "." + local + " is written as " + role + " but WeightRoles lists it as "
                    + listed);
        }
    }

    // ---- static INT8 (QDQ) ------------------------------------------------------------------

    /** Whether this node is written as static INT8: calibrated activations around its products. */
    private boolean staticInt8() {
        return precision == Precision.INT8 && options.int8() == ExportOptions.Int8Mode.STATIC && activations != null;
    }

    /**
     * Static INT8: an activation entering a convolution or matrix product, quantized to uint8 with
     * its calibrated range and back (QuantizeLinear + DequantizeLinear, the QDQ form ONNX Runtime
     * fuses with the product into an integer kernel); the tensor itself in every other mode.
     */
    public String staticInput(String x) {
        return staticInt8() ? qdq(x) : x;
    }

    /** Static INT8: a product's output quantized with its calibrated range, as {@link #staticInput}. */
    public String staticOutput(String y) {
        return staticInt8() ? qdq(y) : y;
    }

    private String qdq(String x) {
        ActivationRanges.Range r = activations.of(x);
        if (r == null) { // recording for calibration: measured in float, named as the quantized model names it
            return g.op("Identity", x + ".dq", List.of(x));
        }
        String scale = g.floats(x + ".qscale", new float[] {r.scale()});
        String zero = g.raw(x + ".qzero", DataType.UINT8, new byte[] {(byte) r.zeroPoint()});
        String q = g.op("QuantizeLinear", x + ".q", List.of(x, scale, zero));
        return g.op("DequantizeLinear", x + ".dq", List.of(q, scale, zero));
    }

    /**
     * Static INT8 weights: the rule's INT8 codes stored as uint8 with zero point 128 (uint8 ×
     * uint8 products are exact on every CPU, see {@link #dynamicInt8}), dequantized by a
     * DequantizeLinear that feeds the product directly (no Reshape after it: the shape is the
     * initializer's own), per output channel or per tensor as the rule chose.
     *
     * @param inOut whether the matrix is stored (in, out) for MatMul rather than (out, ...) as given
     */
    private String staticWeight(String local, QuantizedWeight q, boolean inOut, long... shape) {
        int out = inOut ? (int) shape[1] : (int) shape[0];
        int per = (int) ((long) q.rows() * q.cols() / out);
        boolean perChannel = q.rows() == out && out > 1;
        byte[] codes = new byte[q.packed().length];
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < per; i++) {
                int from = o * per + i;
                codes[inOut ? i * out + o : from] = (byte) (q.packed()[from] + Int8MatMulIntegerEncoder.UINT8_ZERO_POINT);
            }
        }
        String name = id() + "." + local;
        String b = g.raw(name, DataType.UINT8, codes, shape);
        String scale;
        String zero;
        if (perChannel) {
            scale = g.floats(name + ".scale", q.scales(), out);
            byte[] zeros = new byte[out];
            java.util.Arrays.fill(zeros, (byte) Int8MatMulIntegerEncoder.UINT8_ZERO_POINT);
            zero = g.raw(name + ".zero_point", DataType.UINT8, zeros, out);
        } else {
            scale = g.floats(name + ".scale", new float[] {q.scales()[0]});
            zero = g.raw(name + ".zero_point", DataType.UINT8, new byte[] {(byte) Int8MatMulIntegerEncoder.UINT8_ZERO_POINT});
        }
        stats = stats.plus((long) q.rows() * q.cols(), 8L * codes.length + 32L * q.scales().length);
        return perChannel
                ? g.op("DequantizeLinear", name + ".dq", List.of(b, scale, zero), Attr.of("axis", inOut ? 1L : 0L))
                : g.op("DequantizeLinear", name + ".dq", List.of(b, scale, zero));
    }

    // ---- operators layer writers share ----------------------------------------------------

    /** Reshape to a fixed shape; a leading 0 keeps the batch. */
    public String reshape(String x, long... shape) {
        return g.op(OnnxOps.RESHAPE, x + ".reshaped", List.of(x, g.int64s(id() + ".shape", shape)));
    }

    public String transpose(String x, long... perm) {
        return g.op("Transpose", x + ".T", List.of(x), Attr.ints("perm", perm));
    }

    /** ReduceMean over axes: axes are an attribute before opset 18 and an input from 18 on. */
    public String reduceMean(String x, boolean keepDims, long... axes) {
        if (g.opset() >= 18) {
            return g.op("ReduceMean", id() + "/mean", List.of(x, g.int64s(id() + ".axes", axes)),
                    Attr.of("keepdims", keepDims ? 1L : 0L));
        }
        return g.op("ReduceMean", id() + "/mean", List.of(x), Attr.ints("axes", axes), Attr.of("keepdims", keepDims ? 1L : 0L));
    }

    /** ReduceMax over axes: axes are an attribute before opset 18 and an input from 18 on. */
    public String reduceMax(String x, boolean keepDims, long... axes) {
        if (g.opset() >= 18) {
            return g.op("ReduceMax", id() + "/max", List.of(x, g.int64s(id() + ".axes", axes)),
                    Attr.of("keepdims", keepDims ? 1L : 0L));
        }
        return g.op("ReduceMax", id() + "/max", List.of(x), Attr.ints("axes", axes), Attr.of("keepdims", keepDims ? 1L : 0L));
    }

    /** ReduceSum over axes (axes are an input from opset 13 on). */
    public String reduceSum(String x, boolean keepDims, long... axes) {
        return g.op("ReduceSum", id() + "/sum", List.of(x, g.int64s(id() + ".axes", axes)),
                Attr.of("keepdims", keepDims ? 1L : 0L));
    }

    public String unsqueeze(String x, long axis) {
        return g.op("Unsqueeze", x + ".unsqueezed", List.of(x, g.int64s(id() + ".axes", axis)));
    }

    public String squeeze(String x, long axis) {
        return g.op("Squeeze", x + ".squeezed", List.of(x, g.int64s(id() + ".axes", axis)));
    }

    /** {@code x[..., from:to]} on one axis. */
    public String slice(String x, long axis, long from, long to) {
        return g.op("Slice", x + ".slice", List.of(x, g.int64s(id() + ".start", from), g.int64s(id() + ".end", to),
                g.int64s(id() + ".axes", axis)));
    }

    public String softmax(String x, long axis) {
        return g.op("Softmax", x + ".softmax", List.of(x), Attr.of("axis", axis));
    }

    /** The catalog's activation functions, as the training engine computes them (LeakyReLU at PyTorch's 0.01). */
    public String activation(String function, String x) {
        return activation(function, 0.01f, x);
    }

    /**
     * The catalog's activation functions, as the training engine computes them; HardSwish is an
     * operator from opset 14, HardSigmoid and LeakyRelu from 6, so both opsets the writer targets
     * (17, 21) have them.
     *
     * @param slope LeakyReLU's slope for negative values; the other functions ignore it
     */
    public String activation(String function, float slope, String x) {
        return switch (function) {
            case "ReLU" -> g.op("Relu", id() + "/relu", List.of(x));
            case "ReLU6" -> g.op("Clip", id() + "/relu6", List.of(x, g.scalar(id() + ".zero", 0f), g.scalar(id() + ".six", 6f)));
            case "GELU" -> { // exact GELU: x · Φ(x) = 0.5 · x · (1 + erf(x / √2)); Gelu is an operator only from opset 20
                String erf = g.op("Erf", id() + "/erf", List.of(g.op("Div", id() + "/scaled",
                        List.of(x, g.scalar(id() + ".sqrt2", (float) Math.sqrt(2))))));
                String onePlus = g.op(OnnxOps.ADD, id() + "/erf1", List.of(erf, g.scalar(id() + ".one", 1f)));
                yield g.op("Mul", id() + "/gelu", List.of(g.op("Mul", id() + "/half_x",
                        List.of(x, g.scalar(id() + ".half", 0.5f))), onePlus));
            }
            case "SiLU" -> g.op("Mul", id() + "/silu", List.of(x, g.op("Sigmoid", id() + "/sigmoid", List.of(x))));
            case "LeakyReLU" -> g.op("LeakyRelu", id() + "/leaky_relu", List.of(x), Attr.of("alpha", slope));
            // PyTorch's relu6(x + 3) / 6 is HardSigmoid with alpha 1/6 and beta 0.5.
            case "Hardsigmoid" -> g.op("HardSigmoid", id() + "/hardsigmoid", List.of(x), Attr.of("alpha", 1f / 6),
                    Attr.of("beta", 0.5f));
            case "Hardswish" -> g.op("HardSwish", id() + "/hardswish", List.of(x));
            case "Sigmoid" -> g.op("Sigmoid", id() + "/sigmoid", List.of(x));
            case "Tanh" -> g.op("Tanh", id() + "/tanh", List.of(x));
            case "Softmax" -> softmax(x, -1);
            default -> throw new IllegalArgumentException(id() + ": unknown activation " + function);
        };
    }

    /** Convenience: a list of tensor names. */
    public static List<String> names(String... names) {
        return new ArrayList<>(List.of(names));
    }
}
