package dev.netloom.export.onnx;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import dev.netloom.graph.quantize.QuantizedWeight;
import dev.netloom.graph.quantize.WeightRole;
import dev.netloom.graph.Precision;

import java.util.List;

/**
 * INT4 for ONNX Runtime's kernel: B as [N, blocks, block/2] bytes (+8 codes), FP32 scales, blocks
 * of a power of two. Accuracy level 0 computes in FP32: the faster level 4 quantizes activations
 * to INT8 in blocks whose handling differs by CPU (AVX2, AVX-512, ARM dot products), so a bundle
 * would give different answers on different devices. Matrices that are not a product's are
 * written as the unpacking encoder does.
 */
final class Int4MatMulNBitsEncoder implements WeightEncoder {

    private final WeightEncoder matrices;

    Int4MatMulNBitsEncoder(WeightEncoder matrices) {
        this.matrices = matrices;
    }

    @Override
    public Encoded matrix(NodeWriter node, String local, float[] w, int rows, int cols, long... shape) {
        return matrices.matrix(node, local, w, rows, cols, shape);
    }

    @Override
    public Encoded product(NodeWriter node, String x, String local, String hint, float[] w, int out, int in) {
        QuantizedWeight q = node.rule().quantize(w, out, in, Precision.INT4, WeightRole.LINEAR);
        OnnxGraph g = node.graph();
        String id = node.id();
        node.stored((long) q.rows() * q.cols(), q.storedBits());
        String b = g.raw(id + "." + local, DataType.UINT8, q.packed(), q.rows(), q.blocksPerRow(), q.blockSize() / 2);
        String scales = g.floats(id + "." + local + ".scale", q.scales(), q.scales().length);
        String y = g.opIn(OnnxGraph.MICROSOFT, "MatMulNBits", List.of(hint + "matmul"), List.of(x, b, scales),
                Attr.of("K", (long) q.cols()), Attr.of("N", (long) q.rows()), Attr.of("bits", 4L),
                Attr.of("block_size", (long) q.blockSize()), Attr.of("accuracy_level", 0L)).get(0);
        return new Encoded(y, q.dequantize());
    }
}
