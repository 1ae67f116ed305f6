package dev.netloom.export.onnx;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import dev.netloom.graph.quantize.QuantizedWeight;
import dev.netloom.graph.quantize.WeightRole;
import dev.netloom.graph.Precision;

import java.util.List;

/**
 * INT8 stored only: codes widened in the graph as {@code Cast(int8 → float) × scale}, standard
 * operators every runtime computes the same way and folds to an FP32 matrix at load. Not
 * DequantizeLinear: ONNX Runtime up to 1.20 rewrites a per-tensor DequantizeLinear followed by
 * Reshape so that negative weights come out as 0, unless a session option
 * ({@code session.disable_quant_qdq}) is set — and no bundle should depend on one.
 */
final class Int8CastEncoder implements WeightEncoder {

    @Override
    public Encoded matrix(NodeWriter node, String local, float[] w, int rows, int cols, long... shape) {
        QuantizedWeight q = quantize(node, w, rows, cols, WeightRole.MATRIX);
        return new Encoded(node.reshape(scaled(node, local, q), shape), q.dequantize());
    }

    @Override
    public Encoded product(NodeWriter node, String x, String local, String hint, float[] w, int out, int in) {
        QuantizedWeight q = quantize(node, w, out, in, WeightRole.LINEAR);
        return new Encoded(WeightTensors.productWithMatrix(node, x, hint, scaled(node, local, q), out, in), q.dequantize());
    }

    /**
     * INT8 as model-graph's {@code WeightRule} rounds it (the rule quantization-aware training uses):
     * one FP16 scale per output channel when rows hold at least 80 weights (the scale
     * then costs at most 0.2 bits per weight), else one scale for the tensor: small layers (a
     * 64-wide attention projection) would otherwise pay 0.25 bits and more.
     */
    static QuantizedWeight quantize(NodeWriter node, float[] w, int rows, int cols, WeightRole role) {
        return node.rule().quantize(w, rows, cols, Precision.INT8, role);
    }

    /** The float matrix [q.rows, q.cols] the codes stand for, one scale per row. */
    private static String scaled(NodeWriter node, String local, QuantizedWeight q) {
        OnnxGraph g = node.graph();
        String name = node.id() + "." + local;
        node.stored((long) q.rows() * q.cols(), q.storedBits());
        String codes = g.raw(name, DataType.INT8, q.packed(), q.rows(), q.cols());
        String floats = g.op("Cast", name + ".codes_f", List.of(codes), Attr.of("to", (long) DataType.FLOAT.getNumber()));
        return g.op("Mul", name + ".scaled", List.of(floats,
                WeightTensors.toFloat(g, WeightTensors.halfScales(g, name + ".scale", q, q.rows(), 1))));
    }
}
