package dev.netloom.export.onnx;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import dev.netloom.graph.quantize.Half;
import dev.netloom.graph.quantize.QuantizedWeight;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/** Graph pieces the weight encoders share: FP16 tensors widened at load, padding cut off, the product with a dequantized matrix. */
final class WeightTensors {

    private WeightTensors() {
    }

    /** An FP16 initializer of the values, rounded to nearest. */
    static String half(OnnxGraph g, String name, float[] values, long... dims) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putShort(Half.fromFloat(v));
        }
        return g.raw(name, DataType.FLOAT16, b.array(), dims);
    }

    /** A quantized weight's scales as an FP16 initializer. */
    static String halfScales(OnnxGraph g, String name, QuantizedWeight q, long... dims) {
        return half(g, name, q.scales(), dims);
    }

    /** A tensor cast to FP32 (runtimes fold it at load when its input is an initializer). */
    static String toFloat(OnnxGraph g, String tensor) {
        return g.op("Cast", tensor + ".fp32", List.of(tensor), Attr.of("to", (long) DataType.FLOAT.getNumber()));
    }

    /** The first {@code q.cols()} columns of a {@code rows × paddedCols} matrix: block padding cut off. */
    static String sliceColumns(NodeWriter node, String matrix, QuantizedWeight q) {
        if (q.paddedCols() == q.cols()) {
            return matrix;
        }
        OnnxGraph g = node.graph();
        return g.op("Slice", matrix + ".cols", List.of(matrix, g.int64s(node.id() + ".start", 0),
                g.int64s(node.id() + ".end", q.cols()), g.int64s(node.id() + ".axes", 1)));
    }

    /** {@code x·Wᵀ} with W a float (out, in) matrix computed in the graph: Transpose, then MatMul. */
    static String productWithMatrix(NodeWriter node, String x, String hint, String matrix, int out, int in) {
        OnnxGraph g = node.graph();
        String dq = node.reshape(matrix, out, in);
        String wt = g.op("Transpose", hint + "T", List.of(dq), Attr.ints("perm", 1, 0));
        return g.op("MatMul", hint + "matmul", List.of(x, wt));
    }

    /** A row-major {@code rows × cols} matrix transposed. */
    static float[] transpose(float[] w, int rows, int cols) {
        float[] t = new float[w.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = w[r * cols + c];
            }
        }
        return t;
    }
}
