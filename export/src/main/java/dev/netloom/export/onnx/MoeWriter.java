package dev.netloom.export.onnx;

import java.util.List;

/**
 * A Mixture-of-Experts layer in ONNX operators: the router scores every expert, TopK keeps the
 * best {@code topK} per token, a softmax over the kept scores gives the gates, and ScatterElements
 * spreads them into a [tokens, experts] gate matrix that is zero for experts not chosen. Every
 * expert then runs on every token and its output is weighted by its column of that matrix.
 *
 * <p>That is the training engine's computation at inference (where no token is dropped for
 * capacity), but dense: ONNX has no cheap way to run an expert on only its tokens, so the file
 * computes all experts. The routing, and so the result, is the same; the speed-up of sparse
 * experts is not there, and the device estimate says so.
 */
final class MoeWriter {

    private MoeWriter() {
    }

    static String write(NodeWriter w) {
        OnnxGraph g = w.graph();
        long width = OnnxLayers.dim(w, "in", -1);
        long hidden = w.intParam("hidden");
        int experts = w.intParam("experts");
        long topK = w.intParam("topK");
        String activation = w.stringParam("activation");

        String tokens = w.reshape(w.in(), -1, width);                                   // [T, D]
        // The router stays FP32 whatever the precision: a rounded score can change which expert runs.
        String router = g.floats(w.id() + ".router.weight", transpose(w, width, experts), width, experts);
        String logits = g.op("MatMul", w.id() + "/router", List.of(tokens, router));    // [T, E]
        List<String> best = g.ops("TopK", List.of(w.id() + "/top_scores", w.id() + "/top_experts"),
                List.of(logits, g.int64s(w.id() + ".k", topK)), Attr.of("axis", -1L));
        String gates = w.softmax(best.get(0), -1);                                      // [T, k]
        String zeros = g.op("Mul", w.id() + "/zeros", List.of(logits, g.scalar(w.id() + ".zero", 0f)));
        String dense = g.op("ScatterElements", w.id() + "/gates", List.of(zeros, best.get(1), gates),
                Attr.of("axis", 1L));                                                   // [T, E]
        String sum = null;
        for (int e = 0; e < experts; e++) {
            String up = w.linear(tokens, "expert" + e + ".up", width, hidden, true);
            String y = w.linear(w.activation(activation, up), "expert" + e + ".down", hidden, width, true);
            String weighted = g.op("Mul", w.id() + "/expert" + e, List.of(y, w.slice(dense, 1, e, e + 1)));
            sum = sum == null ? weighted : g.op(OnnxOps.ADD, w.id() + "/sum", List.of(sum, weighted));
        }
        return reshapeLike(w, sum);
    }

    /** The router's top experts per token, for tests that check routing matches training. */
    static String routingOutputName(String nodeId) {
        return nodeId + "/top_experts";
    }

    private static float[] transpose(NodeWriter w, long width, int experts) {
        float[] r = w.values("router.weight", experts, width);
        float[] t = new float[r.length];
        for (int e = 0; e < experts; e++) {
            for (int d = 0; d < width; d++) {
                t[d * experts + e] = r[e * (int) width + d];
            }
        }
        return t;
    }

    private static String reshapeLike(NodeWriter w, String x) {
        OnnxGraph g = w.graph();
        String shape = g.op("Shape", w.id() + "/in_shape", List.of(w.in()));
        return g.op(OnnxOps.RESHAPE, w.id(), List.of(x, shape));
    }
}
