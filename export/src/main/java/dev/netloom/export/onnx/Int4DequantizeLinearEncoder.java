package dev.netloom.export.onnx;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import dev.netloom.graph.quantize.QuantizedWeight;
import dev.netloom.graph.quantize.WeightRole;
import dev.netloom.graph.Precision;

import java.util.List;

/**
 * INT4 in standard operators from opset 21: INT4 codes and opset 21's blocked DequantizeLinear,
 * one FP32 scale per block of equal length within each output channel.
 */
final class Int4DequantizeLinearEncoder implements WeightEncoder {

    @Override
    public Encoded matrix(NodeWriter node, String local, float[] w, int rows, int cols, long... shape) {
        QuantizedWeight q = node.rule().quantize(w, rows, cols, Precision.INT4, WeightRole.MATRIX);
        return new Encoded(node.reshape(dequantized(node, local, q), shape), q.dequantize());
    }

    @Override
    public Encoded product(NodeWriter node, String x, String local, String hint, float[] w, int out, int in) {
        QuantizedWeight q = node.rule().quantize(w, out, in, Precision.INT4, WeightRole.LINEAR);
        return new Encoded(WeightTensors.productWithMatrix(node, x, hint, dequantized(node, local, q), out, in),
                q.dequantize());
    }

    private static String dequantized(NodeWriter node, String local, QuantizedWeight q) {
        OnnxGraph g = node.graph();
        String name = node.id() + "." + local;
        node.stored((long) q.rows() * q.cols(), q.storedBits());
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
        return WeightTensors.sliceColumns(node, dq, q);
    }
}
