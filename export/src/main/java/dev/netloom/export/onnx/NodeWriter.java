package dev.netloom.export.onnx;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import dev.netloom.export.ExportOptions;
import dev.netloom.graph.quantize.Half;
import dev.netloom.graph.quantize.QuantizedWeight;
import dev.netloom.graph.quantize.WeightRole;
import dev.netloom.graph.quantize.WeightRoles;
import dev.netloom.graph.quantize.WeightRule;
import dev.netloom.graph.Precision;
import dev.netloom.graph.analysis.NodeReport;
import dev.netloom.graph.artifact.Tensor;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a layer writer sees while writing one studio node: its analysed report, the tensors at
 * its input ports, its weights, and the operators it may use. Weight matrices go through
 * {@link #matrix} and {@link #linear}, the one place where the node's precision decides how they
 * are stored (FP32, FP16, INT8, INT4, ternary, binary) and how they are multiplied.
 */
public final class NodeWriter {

    private final OnnxGraph g;
    private final NodeReport report;
    private final Map<String, String> inputs;
    private final Weights weights;
    private final Precision precision;
    private final ExportOptions options;
    private final Map<String, Tensor> effective;
    private final WeightRule rule;
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
        this.precision = precision;
        this.options = options;
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
        effective.put(id() + "." + local, Tensor.of(rule.seenAs(w, rows, cols, precision, WeightRole.MATRIX), shape));
        return switch (precision) {
            case FP32 -> {
                stats = stats.plus(w.length, 32L * w.length);
                yield g.floats(id() + "." + local, w, shape);
            }
            case FP16 -> cast(half(id() + "." + local, w, shape));
            default -> staticInt8()
                    ? staticWeight(local, rule.quantize(w, rows, cols, Precision.INT8, WeightRole.MATRIX), false, shape)
                    : reshape(dequantized(local, rule.quantize(w, rows, cols, integerPrecision(), WeightRole.MATRIX)), shape);
        };
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
        Precision p = precision;
        effective.put(id() + "." + local, Tensor.of(rule.seenAs(w, (int) out, (int) in, p, WeightRole.LINEAR), out, in));
        String y;
        if (staticInt8()) {
            String wt = staticWeight(local, rule.quantize(w, (int) out, (int) in, p, WeightRole.LINEAR), true, in, out);
            y = staticOutput(g.op("MatMul", hint + "matmul", List.of(staticInput(x), wt)));
        } else if (p == Precision.INT8 && options.int8() == ExportOptions.Int8Mode.DYNAMIC) {
            y = dynamicInt8(x, local, hint, rule.quantize(w, (int) out, (int) in, p, WeightRole.LINEAR), (int) out, (int) in);
        } else if (p == Precision.INT4 && options.int4() == ExportOptions.Int4Layout.MATMUL_NBITS) {
            y = matMulNBits(x, local, hint, rule.quantize(w, (int) out, (int) in, p, WeightRole.LINEAR));
        } else {
            String wt;
            if (p == Precision.FP32) {
                stats = stats.plus(w.length, 32L * w.length);
                wt = g.floats(local.equals("weight") ? id() + ".weight" : id() + "." + local, transpose(w, (int) out, (int) in),
                        in, out);
            } else if (p == Precision.FP16) {
                wt = cast(half(id() + "." + local, transpose(w, (int) out, (int) in), in, out));
            } else {
                String dq = reshape(dequantized(local, rule.quantize(w, (int) out, (int) in, integerPrecision(),
                        WeightRole.LINEAR)), out, in);
                wt = g.op("Transpose", hint + "T", List.of(dq), Attr.ints("perm", 1, 0));
            }
            y = g.op("MatMul", hint + "matmul", List.of(x, wt));
        }
        if (bias) {
            String b = fp32(prefix.isEmpty() ? "bias" : prefix + ".bias", out);
            y = g.op("Add", hint + "out", List.of(y, b));
        }
        return y;
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

    private Precision integerPrecision() {
        if (precision == Precision.FP32 || precision == Precision.FP16) {
            throw new IllegalStateException(precision + " is not an integer precision");
        }
        return precision;
    }

    private String half(String name, float[] w, long... shape) {
        ByteBuffer b = ByteBuffer.allocate(w.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : w) {
            b.putShort(Half.fromFloat(v));
        }
        stats = stats.plus(w.length, 16L * w.length);
        return g.raw(name, DataType.FLOAT16, b.array(), shape);
    }

    private String cast(String half) {
        return g.op("Cast", half + ".fp32", List.of(half), Attr.of("to", (long) DataType.FLOAT.getNumber()));
    }

    /** The float [rows, cols] matrix a quantized weight stands for, computed in the graph. */
    private String dequantized(String local, QuantizedWeight q) {
        String name = id() + "." + local;
        stats = stats.plus((long) q.rows() * q.cols(), q.storedBits());
        return switch (q.precision()) {
            case INT8 -> int8Scaled(name, q);
            case INT4 -> g.opset() >= 21 && options.int4() == ExportOptions.Int4Layout.DEQUANTIZE_LINEAR
                    ? int4DequantizeLinear(name, q) : unpacked(name, q);
            default -> unpacked(name, q);
        };
    }

    /**
     * INT8 codes widened in the graph: {@code Cast(int8 → float) × scale}, one scale per row.
     * Standard operators every runtime computes the same way and folds to an FP32 matrix at load.
     * Not DequantizeLinear: ONNX Runtime up to 1.20 rewrites a per-tensor DequantizeLinear
     * followed by Reshape so that negative weights come out as 0, unless a session option
     * ({@code session.disable_quant_qdq}) is set — and no bundle should depend on one.
     */
    private String int8Scaled(String name, QuantizedWeight q) {
        String codes = g.raw(name, DataType.INT8, q.packed(), q.rows(), q.cols());
        String floats = g.op("Cast", name + ".codes_f", List.of(codes), Attr.of("to", (long) DataType.FLOAT.getNumber()));
        return g.op("Mul", name + ".scaled", List.of(floats, cast(halfScales(name + ".scale", q, q.rows(), 1))));
    }

    /** Opset 21 DequantizeLinear: INT4 codes with one FP32 scale per block. */
    private String int4DequantizeLinear(String name, QuantizedWeight q) {
        byte[] signed = new byte[q.packed().length];
        for (int i = 0; i < signed.length; i++) { // stored +8 for MatMulNBits; DequantizeLinear wants two's complement
            int lo = ((q.packed()[i] & 0x0f) - 8) & 0x0f;
            int hi = (((q.packed()[i] >> 4) & 0x0f) - 8) & 0x0f;
            signed[i] = (byte) (lo | (hi << 4));
        }
        String codes = g.raw(name, DataType.INT4, signed, q.rows(), q.paddedCols());
        String scales = g.floats(name + ".scale", q.scales(), q.rows(), q.blocksPerRow());
        String dq = g.op("DequantizeLinear", name + ".dq", List.of(codes, scales), Attr.of("axis", 1L),
                Attr.of("block_size", (long) q.blockSize()));
        return sliceColumns(dq, q);
    }

    /**
     * Packed codes unpacked with standard integer operators (Div, Mod on int32; opset 13 and up):
     * code = byte / 2^(bits·i) mod 2^bits, value = code − offset, weight = value × block scale.
     * Runtimes fold all of it to a float matrix when they load the model.
     */
    private String unpacked(String name, QuantizedWeight q) {
        int bits = q.precision().bits();
        int perByte = q.codesPerByte();
        int bytesPerRow = q.paddedCols() / perByte;
        String packed = g.raw(name, DataType.UINT8, q.packed(), q.rows(), bytesPerRow, 1);
        String wide = g.op("Cast", name + ".int32", List.of(packed), Attr.of("to", (long) DataType.INT32.getNumber()));
        long[] divisors = new long[perByte];
        for (int i = 0; i < perByte; i++) {
            divisors[i] = 1L << (bits * i);
        }
        String shifted = g.op("Div", name + ".shifted", List.of(wide, int32s(name + ".divisors", divisors)));
        String codes = g.op("Mod", name + ".codes", List.of(shifted, int32s(name + ".modulus", 1L << bits)));
        String floats = g.op("Cast", name + ".codes_f", List.of(codes), Attr.of("to", (long) DataType.FLOAT.getNumber()));
        String values = switch (q.precision()) {
            case INT4 -> g.op("Sub", name + ".values", List.of(floats, g.scalar(name + ".offset", 8f)));
            case INT2 -> g.op("Sub", name + ".values", List.of(floats, g.scalar(name + ".offset", 1f)));
            case INT1 -> g.op("Sub", name + ".values", List.of(
                    g.op("Mul", name + ".doubled", List.of(floats, g.scalar(name + ".two", 2f))),
                    g.scalar(name + ".offset", 1f)));
            default -> throw new IllegalStateException(q.precision() + " is not packed");
        };
        String blocks = reshape(values, q.rows(), q.blocksPerRow(), q.blockSize());
        String scale = q.halfScales() ? cast(halfScales(name + ".scale", q, q.rows(), q.blocksPerRow(), 1))
                : g.floats(name + ".scale", q.scales(), q.rows(), q.blocksPerRow(), 1);
        String scaled = g.op("Mul", name + ".scaled", List.of(blocks, scale));
        return sliceColumns(reshape(scaled, q.rows(), q.paddedCols()), q);
    }

    private String halfScales(String name, QuantizedWeight q, long... dims) {
        ByteBuffer b = ByteBuffer.allocate(q.scales().length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (float s : q.scales()) {
            b.putShort(Half.fromFloat(s));
        }
        return g.raw(name, DataType.FLOAT16, b.array(), dims);
    }

    private String sliceColumns(String matrix, QuantizedWeight q) {
        if (q.paddedCols() == q.cols()) {
            return matrix;
        }
        return g.op("Slice", matrix + ".cols", List.of(matrix, g.int64s(id() + ".start", 0),
                g.int64s(id() + ".end", q.cols()), g.int64s(id() + ".axes", 1)));
    }

    private String int32s(String hint, long... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            b.putInt((int) v);
        }
        return g.raw(hint, DataType.INT32, b.array(), values.length);
    }

    /**
     * DynamicQuantizeLinear + MatMulInteger: activations quantized per call (uint8), weights per
     * channel or per tensor. The weights are stored as uint8 with zero point 128 (code + 128), not
     * int8: ONNX Runtime multiplies uint8 × int8 on AVX2 CPUs without VNNI with an instruction
     * that saturates pairs of products at 16 bits (vpmaddubsw), so the same file gave other
     * answers there than on AVX-512 VNNI or ARM; uint8 × uint8 is exact on every CPU.
     */
    private String dynamicInt8(String x, String local, String hint, QuantizedWeight q, int out, int in) {
        stats = stats.plus((long) q.rows() * q.cols(), q.storedBits());
        byte[] transposed = new byte[q.packed().length]; // (out, in) -> (in, out): MatMulInteger wants K x N
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) {
                transposed[i * out + o] = (byte) (q.packed()[o * in + i] + UINT8_ZERO_POINT);
            }
        }
        String b = g.raw(id() + "." + local, DataType.UINT8, transposed, in, out);
        String bZero = g.raw(id() + "." + local + ".zero_point", DataType.UINT8, new byte[] {(byte) UINT8_ZERO_POINT});
        List<String> dq = g.ops("DynamicQuantizeLinear", List.of(hint + "xq", hint + "xscale", hint + "xzero"), List.of(x));
        String product = g.op("MatMulInteger", hint + "int32", List.of(dq.get(0), b, dq.get(2), bZero));
        String floats = g.op("Cast", hint + "float", List.of(product), Attr.of("to", (long) DataType.FLOAT.getNumber()));
        String perTensor = g.op("Mul", hint + "xscaled", List.of(floats, dq.get(1)));
        // One scale per output column, or one for the whole tensor (q has a single row then).
        String scale = cast(halfScales(id() + "." + local + ".scale", q, q.rows()));
        return g.op("Mul", hint + "matmul", List.of(perTensor, scale));
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
                codes[inOut ? i * out + o : from] = (byte) (q.packed()[from] + UINT8_ZERO_POINT);
            }
        }
        String name = id() + "." + local;
        String b = g.raw(name, DataType.UINT8, codes, shape);
        String scale;
        String zero;
        if (perChannel) {
            scale = g.floats(name + ".scale", q.scales(), out);
            byte[] zeros = new byte[out];
            java.util.Arrays.fill(zeros, (byte) UINT8_ZERO_POINT);
            zero = g.raw(name + ".zero_point", DataType.UINT8, zeros, out);
        } else {
            scale = g.floats(name + ".scale", new float[] {q.scales()[0]});
            zero = g.raw(name + ".zero_point", DataType.UINT8, new byte[] {(byte) UINT8_ZERO_POINT});
        }
        stats = stats.plus((long) q.rows() * q.cols(), 8L * codes.length + 32L * q.scales().length);
        return perChannel
                ? g.op("DequantizeLinear", name + ".dq", List.of(b, scale, zero), Attr.of("axis", inOut ? 1L : 0L))
                : g.op("DequantizeLinear", name + ".dq", List.of(b, scale, zero));
    }

    /** The zero point of INT8 weights stored as uint8 for MatMulInteger. */
    static final int UINT8_ZERO_POINT = 128;

    /**
     * ONNX Runtime's INT4 kernel: B as [N, blocks, block/2] bytes (+8 codes), FP32 scales.
     * Accuracy level 0 computes in FP32: the faster level 4 quantizes activations to INT8 in
     * blocks whose handling differs by CPU (AVX2, AVX-512, ARM dot products), so a bundle would
     * give different answers on different devices.
     */
    private String matMulNBits(String x, String local, String hint, QuantizedWeight q) {
        stats = stats.plus((long) q.rows() * q.cols(), q.storedBits());
        String b = g.raw(id() + "." + local, DataType.UINT8, q.packed(), q.rows(), q.blocksPerRow(), q.blockSize() / 2);
        String scales = g.floats(id() + "." + local + ".scale", q.scales(), q.scales().length);
        return g.opIn(OnnxGraph.MICROSOFT, "MatMulNBits", List.of(hint + "matmul"), List.of(x, b, scales),
                Attr.of("K", (long) q.cols()), Attr.of("N", (long) q.rows()), Attr.of("bits", 4L),
                Attr.of("block_size", (long) q.blockSize()), Attr.of("accuracy_level", 0L)).get(0);
    }

    private static float[] transpose(float[] w, int rows, int cols) {
        float[] t = new float[w.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = w[r * cols + c];
            }
        }
        return t;
    }

    // ---- operators layer writers share ----------------------------------------------------

    /** Reshape to a fixed shape; a leading 0 keeps the batch. */
    public String reshape(String x, long... shape) {
        return g.op("Reshape", x + ".reshaped", List.of(x, g.int64s(id() + ".shape", shape)));
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

    /** The catalog's activation functions, as the training engine computes them. */
    public String activation(String function, String x) {
        return switch (function) {
            case "ReLU" -> g.op("Relu", id() + "/relu", List.of(x));
            case "ReLU6" -> g.op("Clip", id() + "/relu6", List.of(x, g.scalar(id() + ".zero", 0f), g.scalar(id() + ".six", 6f)));
            case "GELU" -> { // exact GELU: x · Φ(x) = 0.5 · x · (1 + erf(x / √2)); Gelu is an operator only from opset 20
                String erf = g.op("Erf", id() + "/erf", List.of(g.op("Div", id() + "/scaled",
                        List.of(x, g.scalar(id() + ".sqrt2", (float) Math.sqrt(2))))));
                String onePlus = g.op("Add", id() + "/erf1", List.of(erf, g.scalar(id() + ".one", 1f)));
                yield g.op("Mul", id() + "/gelu", List.of(g.op("Mul", id() + "/half_x",
                        List.of(x, g.scalar(id() + ".half", 0.5f))), onePlus));
            }
            case "SiLU" -> g.op("Mul", id() + "/silu", List.of(x, g.op("Sigmoid", id() + "/sigmoid", List.of(x))));
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
