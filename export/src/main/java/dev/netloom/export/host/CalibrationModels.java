package dev.netloom.export.host;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import dev.netloom.export.onnx.Attr;
import dev.netloom.export.onnx.OnnxGraph;
import dev.netloom.export.onnx.OnnxOps;

import java.util.List;
import java.util.Random;

/**
 * The tiny ONNX models the host calibration times (IR 10, opset 21), written with the exporter's
 * own {@link OnnxGraph}. Each isolates one figure of a device profile.
 */
final class CalibrationModels {

    static final int MATMUL_SIZE = 512;
    static final int ADD_ELEMENTS = 4 * 1024 * 1024;
    static final int CHAIN_LENGTH = 200;
    static final int CHAIN_WIDTH = 16;
    /** Rows and columns of the FP32 matrix-vector product's weights: 4 MiB. */
    static final int MATVEC_SIZE = 1024;
    /** Rows and columns of the INT8 matrix-vector product's weights: 4 MiB too, so both stream from the same cache level. */
    static final int MATVEC_INT8_SIZE = 2048;

    private static final int OPSET = 21;

    private CalibrationModels() {
    }

    /** {@code y = a · b} for two {@value #MATMUL_SIZE}² FP32 inputs: 2·n³ FLOP, compute-bound. */
    static byte[] matMul() {
        int n = MATMUL_SIZE;
        OnnxGraph g = new OnnxGraph("matmul", OPSET);
        g.input("a", DataType.FLOAT, n, n);
        g.input("b", DataType.FLOAT, n, n);
        g.output(g.op("MatMul", "y", List.of("a", "b")), DataType.FLOAT, n, n);
        return model(g);
    }

    /**
     * {@code y = MatMulInteger(DynamicQuantizeLinear(a), b_int8)}: ONNX Runtime's INT8 path
     * (docs/recipes.md). The INT8 weights are an initializer, as they would be in an exported model.
     */
    static byte[] matMulInteger() {
        int n = MATMUL_SIZE;
        OnnxGraph g = new OnnxGraph("matmul_integer", OPSET);
        g.input("a", DataType.FLOAT, n, n);
        String b = g.raw("b", DataType.INT8, randomBytes(n * n, 7), n, n);
        List<String> q = g.ops("DynamicQuantizeLinear", List.of("aq", "a_scale", "a_zero"), List.of("a"));
        g.output(g.op("MatMulInteger", "y", List.of(q.get(0), b, q.get(2))), DataType.INT32, n, n);
        return model(g);
    }

    /**
     * {@code y = x · W} for one row {@code x} [1, {@value #MATVEC_SIZE}] and an FP32 weight initializer
     * [{@value #MATVEC_SIZE}²], as an exported Dense layer at batch 1 computes: the kernel streams
     * every weight once for few multiply-adds each, which a square MatMul does not show.
     */
    static byte[] matVec() {
        int n = MATVEC_SIZE;
        float[] w = new float[n * n];
        Random r = new Random(11);
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) r.nextGaussian() * 0.03f;
        }
        OnnxGraph g = new OnnxGraph("matvec", OPSET);
        g.input("x", DataType.FLOAT, 1, n);
        g.output(g.op("MatMul", "y", List.of("x", g.floats("w", w, n, n))), DataType.FLOAT, 1, n);
        return model(g);
    }

    /**
     * The exporter's dynamic INT8 linear layer at batch 1 (Int8MatMulIntegerEncoder in onnx): DynamicQuantizeLinear,
     * MatMulInteger on INT8 weights, Cast, times the activation scale, times the per-column weight scale.
     * Its time includes quantizing the row and rescaling the result, the per-call cost of that scheme.
     */
    static byte[] matVecInteger() {
        int n = MATVEC_INT8_SIZE;
        float[] scale = new float[n];
        java.util.Arrays.fill(scale, 0.01f);
        OnnxGraph g = new OnnxGraph("matvec_integer", OPSET);
        g.input("x", DataType.FLOAT, 1, n);
        String w = g.raw("w", DataType.INT8, randomBytes(n * n, 13), n, n);
        List<String> q = g.ops("DynamicQuantizeLinear", List.of("xq", "x_scale", "x_zero"), List.of("x"));
        String p = g.op("MatMulInteger", "p", List.of(q.get(0), w, q.get(2)));
        String pf = g.op("Cast", "pf", List.of(p), Attr.of("to", (long) DataType.FLOAT.getNumber()));
        String ps = g.op("Mul", "ps", List.of(pf, q.get(1)));
        g.output(g.op("Mul", "y", List.of(ps, g.floats("w_scale", scale, n))), DataType.FLOAT, 1, n);
        return model(g);
    }

    /** {@code y = a + b} over {@value #ADD_ELEMENTS} FP32 values: 12 bytes moved per element, memory-bound. */
    static byte[] add() {
        OnnxGraph g = new OnnxGraph("add", OPSET);
        g.input("a", DataType.FLOAT, ADD_ELEMENTS);
        g.input("b", DataType.FLOAT, ADD_ELEMENTS);
        g.output(g.op(OnnxOps.ADD, "y", List.of("a", "b")), DataType.FLOAT, ADD_ELEMENTS);
        return model(g);
    }

    /**
     * {@value #CHAIN_LENGTH} Sigmoids in a row on {@value #CHAIN_WIDTH} values: almost no work,
     * so the time is the per-operator overhead. Sigmoid because no optimizer folds a chain of them.
     */
    static byte[] chain() {
        return chain(CHAIN_LENGTH);
    }

    /** A chain of {@code length} Sigmoids on {@value #CHAIN_WIDTH} values, input x0 [1, 16], output x{length}. */
    static byte[] chain(int length) {
        OnnxGraph g = new OnnxGraph("chain", OPSET);
        g.input("x0", DataType.FLOAT, 1, CHAIN_WIDTH);
        String x = "x0";
        for (int i = 1; i <= length; i++) {
            x = g.op("Sigmoid", "x" + i, List.of(x));
        }
        g.output(x, DataType.FLOAT, 1, CHAIN_WIDTH);
        return model(g);
    }

    private static byte[] randomBytes(int n, long seed) {
        byte[] bytes = new byte[n];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static byte[] model(OnnxGraph g) {
        return g.model("host-calibration", "Netloom's calibration of this computer").toByteArray();
    }
}
