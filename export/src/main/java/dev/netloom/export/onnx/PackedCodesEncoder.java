package dev.netloom.export.onnx;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import dev.netloom.graph.quantize.QuantizedWeight;
import dev.netloom.graph.quantize.WeightRole;
import dev.netloom.graph.Precision;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * Codes packed several to a byte (INT4 two, 2-bit ternary four, 1-bit binary eight) and unpacked
 * with standard integer operators (Div, Mod on int32; opset 13 and up, so also at opset 17):
 * code = byte / 2^(bits·i) mod 2^bits, value = code − offset, weight = value × block scale.
 * Runtimes fold all of it to a float matrix when they load the model. INT4 has blocks of equal
 * length within each output channel (144 values are two blocks of 72, not two of 128); ternary
 * and binary weights are quantized as one long row, blocks running across channels, so short rows
 * do not each pay a scale: their absmean scales are still much finer than BitNet's one per tensor.
 */
final class PackedCodesEncoder implements WeightEncoder {

    private final Precision precision;

    /** An encoder for INT4, INT2 or INT1. */
    PackedCodesEncoder(Precision precision) {
        if (precision != Precision.INT4 && precision != Precision.INT2 && precision != Precision.INT1) {
            throw new IllegalArgumentException(precision + " is not packed several codes to a byte");
        }
        this.precision = precision;
    }

    @Override
    public Encoded matrix(NodeWriter node, String local, float[] w, int rows, int cols, long... shape) {
        QuantizedWeight q = node.rule().quantize(w, rows, cols, precision, WeightRole.MATRIX);
        return new Encoded(node.reshape(unpacked(node, local, q), shape), q.dequantize());
    }

    @Override
    public Encoded product(NodeWriter node, String x, String local, String hint, float[] w, int out, int in) {
        QuantizedWeight q = node.rule().quantize(w, out, in, precision, WeightRole.LINEAR);
        return new Encoded(WeightTensors.productWithMatrix(node, x, hint, unpacked(node, local, q), out, in),
                q.dequantize());
    }

    private String unpacked(NodeWriter node, String local, QuantizedWeight q) {
        OnnxGraph g = node.graph();
        String name = node.id() + "." + local;
        node.stored((long) q.rows() * q.cols(), q.storedBits());
        int bits = q.precision().bits();
        int perByte = q.codesPerByte();
        int bytesPerRow = q.paddedCols() / perByte;
        String packed = g.raw(name, DataType.UINT8, q.packed(), q.rows(), bytesPerRow, 1);
        String wide = g.op("Cast", name + ".int32", List.of(packed), Attr.of("to", (long) DataType.INT32.getNumber()));
        long[] divisors = new long[perByte];
        for (int i = 0; i < perByte; i++) {
            divisors[i] = 1L << (bits * i);
        }
        String shifted = g.op("Div", name + ".shifted", List.of(wide, int32s(g, name + ".divisors", divisors)));
        String codes = g.op("Mod", name + ".codes", List.of(shifted, int32s(g, name + ".modulus", 1L << bits)));
        String floats = g.op("Cast", name + ".codes_f", List.of(codes), Attr.of("to", (long) DataType.FLOAT.getNumber()));
        String values = switch (q.precision()) {
            case INT4 -> g.op("Sub", name + ".values", List.of(floats, g.scalar(name + ".offset", 8f)));
            case INT2 -> g.op("Sub", name + ".values", List.of(floats, g.scalar(name + ".offset", 1f)));
            case INT1 -> g.op("Sub", name + ".values", List.of(
                    g.op("Mul", name + ".doubled", List.of(floats, g.scalar(name + ".two", 2f))),
                    g.scalar(name + ".offset", 1f)));
            default -> throw new IllegalStateException(q.precision() + " is not packed");
        };
        String blocks = node.reshape(values, q.rows(), q.blocksPerRow(), q.blockSize());
        String scale = q.halfScales()
                ? WeightTensors.toFloat(g, WeightTensors.halfScales(g, name + ".scale", q, q.rows(), q.blocksPerRow(), 1))
                : g.floats(name + ".scale", q.scales(), q.rows(), q.blocksPerRow(), 1);
        String scaled = g.op("Mul", name + ".scaled", List.of(blocks, scale));
        return WeightTensors.sliceColumns(node, node.reshape(scaled, q.rows(), q.paddedCols()), q);
    }

    private static String int32s(OnnxGraph g, String hint, long... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            b.putInt((int) v);
        }
        return g.raw(hint, DataType.INT32, b.array(), values.length);
    }
}
