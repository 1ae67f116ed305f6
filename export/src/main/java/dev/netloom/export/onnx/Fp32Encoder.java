package dev.netloom.export.onnx;

import java.util.List;

/** FP32: the trained values as they are; a product's matrix is stored already transposed. */
final class Fp32Encoder implements WeightEncoder {

    @Override
    public Encoded matrix(NodeWriter node, String local, float[] w, int rows, int cols, long... shape) {
        node.stored(w.length, 32L * w.length);
        return new Encoded(node.graph().floats(node.id() + "." + local, w, shape), w);
    }

    @Override
    public Encoded product(NodeWriter node, String x, String local, String hint, float[] w, int out, int in) {
        node.stored(w.length, 32L * w.length);
        String wt = node.graph().floats(node.id() + "." + local, WeightTensors.transpose(w, out, in), in, out);
        return new Encoded(node.graph().op("MatMul", hint + "matmul", List.of(x, wt)), w);
    }
}
