package dev.netloom.export.onnx;

import dev.netloom.graph.quantize.Half;

import java.util.List;

/** FP16: FLOAT16 initializers and a Cast, which runtimes fold to FP32 at load. */
final class Fp16Encoder implements WeightEncoder {

    @Override
    public Encoded matrix(NodeWriter node, String local, float[] w, int rows, int cols, long... shape) {
        return new Encoded(stored(node, local, w, shape), rounded(w));
    }

    @Override
    public Encoded product(NodeWriter node, String x, String local, String hint, float[] w, int out, int in) {
        String wt = stored(node, local, WeightTensors.transpose(w, out, in), in, out);
        return new Encoded(node.graph().op("MatMul", hint + "matmul", List.of(x, wt)), rounded(w));
    }

    private static String stored(NodeWriter node, String local, float[] w, long... shape) {
        node.stored(w.length, 16L * w.length);
        return WeightTensors.toFloat(node.graph(), WeightTensors.half(node.graph(), node.id() + "." + local, w, shape));
    }

    private static float[] rounded(float[] w) {
        float[] r = new float[w.length];
        for (int i = 0; i < w.length; i++) {
            r[i] = Half.round(w[i]);
        }
        return r;
    }
}
