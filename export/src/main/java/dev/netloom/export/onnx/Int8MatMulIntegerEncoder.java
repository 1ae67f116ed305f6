package dev.netloom.export.onnx;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import dev.netloom.graph.quantize.QuantizedWeight;

import dev.netloom.graph.quantize.WeightRole;
import java.util.List;

/**
 * Dynamic INT8: DynamicQuantizeLinear + MatMulInteger, activations quantized per call (uint8),
 * weights per channel or per tensor. The weights are stored as uint8 with zero point 128
 * (code + 128), not int8: ONNX Runtime multiplies uint8 × int8 on AVX2 CPUs without VNNI with an
 * instruction that saturates pairs of products at 16 bits (vpmaddubsw), so the same file gave other
 * answers there than on AVX-512 VNNI or ARM; uint8 × uint8 is exact on every CPU. Matrices that
 * are not a product's (convolutions, embeddings) are stored as INT8 weight-only does.
 */
final class Int8MatMulIntegerEncoder implements WeightEncoder {

    /** The zero point of INT8 weights stored as uint8 for MatMulInteger. */
    static final int UINT8_ZERO_POINT = 128;

    private final WeightEncoder matrices;

    Int8MatMulIntegerEncoder(WeightEncoder matrices) {
        this.matrices = matrices;
    }

    @Override
    public Encoded matrix(NodeWriter node, String local, float[] w, int rows, int cols, long... shape) {
        return matrices.matrix(node, local, w, rows, cols, shape);
    }

    @Override
    public Encoded product(NodeWriter node, String x, String local, String hint, float[] w, int out, int in) {
        QuantizedWeight q = Int8CastEncoder.quantize(node, w, out, in, WeightRole.LINEAR);
        OnnxGraph g = node.graph();
        String id = node.id();
        node.stored((long) q.rows() * q.cols(), q.storedBits());
        byte[] transposed = new byte[q.packed().length]; // (out, in) -> (in, out): MatMulInteger wants K x N
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) {
                transposed[i * out + o] = (byte) (q.packed()[o * in + i] + UINT8_ZERO_POINT);
            }
        }
        String b = g.raw(id + "." + local, DataType.UINT8, transposed, in, out);
        String bZero = g.raw(id + "." + local + ".zero_point", DataType.UINT8, new byte[] {(byte) UINT8_ZERO_POINT});
        List<String> dq = g.ops("DynamicQuantizeLinear", List.of(hint + "xq", hint + "xscale", hint + "xzero"), List.of(x));
        String product = g.op("MatMulInteger", hint + "int32", List.of(dq.get(0), b, dq.get(2), bZero));
        String floats = g.op("Cast", hint + "float", List.of(product), Attr.of("to", (long) DataType.FLOAT.getNumber()));
        String perTensor = g.op("Mul", hint + "xscaled", List.of(floats, dq.get(1)));
        // One scale per output column, or one for the whole tensor (q has a single row then).
        String scale = WeightTensors.toFloat(g, WeightTensors.halfScales(g, id + "." + local + ".scale", q, q.rows()));
        return new Encoded(g.op("Mul", hint + "matmul", List.of(perTensor, scale)), q.dequantize());
    }
}
