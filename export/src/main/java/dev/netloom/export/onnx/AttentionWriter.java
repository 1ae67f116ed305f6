package dev.netloom.export.onnx;

import dev.netloom.graph.layers.MultiHeadSelfAttention;

import java.util.List;

/**
 * Multi-head attention in ONNX operators, as the training engine's MultiHeadAttention computes
 * it: query, key, value and output projections; heads split as [N, h, L, D/h]; softmax
 * attention {@code softmax(QKᵀ/√d)V}, or the linear form {@code φ(Q)(φ(K)ᵀV) / (φ(Q)Σφ(K) + 1e-6)}
 * with φ = elu + 1.
 */
final class AttentionWriter {

    private AttentionWriter() {
    }

    /**
     * Attends from queries [N, Lq, Dq] over a context [N, Lk, Dk]; returns [N, Lq, Dq].
     *
     * @param prefix the weights' prefix ("" or "attention.")
     */
    static String write(NodeWriter w, String prefix, String queries, String context, long queryWidth, long contextWidth,
                        int heads, boolean bias, boolean linear) {
        return write(w, prefix, queries, context, queryWidth, contextWidth, heads, bias, linear, false);
    }

    /**
     * Self-attention over [N, L, D], causal when asked: the scores get
     * {@code MultiHeadSelfAttention.causalMask} added before the softmax, as in training.
     */
    static String selfAttention(NodeWriter w, String prefix, String x, long width, int heads, boolean bias, boolean causal) {
        return write(w, prefix, x, x, width, width, heads, bias, false, causal);
    }

    private static String write(NodeWriter w, String prefix, String queries, String context, long queryWidth,
                                long contextWidth, int heads, boolean bias, boolean linear, boolean causal) {
        long headWidth = queryWidth / heads;
        String q = split(w, w.linear(queries, prefix + "query", queryWidth, queryWidth, bias), heads, headWidth);
        String k = split(w, w.linear(context, prefix + "key", contextWidth, queryWidth, bias), heads, headWidth);
        String v = split(w, w.linear(context, prefix + "value", contextWidth, queryWidth, bias), heads, headWidth);
        long length = causal ? w.report().inputs().get("in").dim(0) : 0;
        String attended = linear ? linearAttention(w, q, k, v) : softmaxAttention(w, q, k, v, headWidth, length);
        String merged = w.reshape(w.transpose(attended, 0, 2, 1, 3), 0, -1, queryWidth);
        return w.linear(merged, prefix + "output", queryWidth, queryWidth, bias);
    }

    /** [N, L, D] -> [N, heads, L, D/heads]. */
    private static String split(NodeWriter w, String x, long heads, long headWidth) {
        return w.transpose(w.reshape(x, 0, -1, heads, headWidth), 0, 2, 1, 3);
    }

    /** Softmax attention; with {@code causalLength} > 0 the causal mask of that length is added to the scores. */
    private static String softmaxAttention(NodeWriter w, String q, String k, String v, long headWidth, long causalLength) {
        OnnxGraph g = w.graph();
        String scores = g.op("MatMul", w.id() + "/scores", List.of(q, w.transpose(k, 0, 1, 3, 2)));
        String scaled = g.op("Div", w.id() + "/scaled", List.of(scores, g.scalar(w.id() + ".sqrt_d",
                (float) Math.sqrt(headWidth))));
        if (causalLength > 0) {
            String mask = g.floats(w.id() + ".causal_mask", MultiHeadSelfAttention.causalMask((int) causalLength),
                    causalLength, causalLength);
            scaled = g.op(OnnxOps.ADD, w.id() + "/masked", List.of(scaled, mask));
        }
        return g.op("MatMul", w.id() + "/attended", List.of(w.softmax(scaled, -1), v));
    }

    private static String linearAttention(NodeWriter w, String q, String k, String v) {
        OnnxGraph g = w.graph();
        String one = g.scalar(w.id() + ".one", 1f);
        String fq = g.op(OnnxOps.ADD, w.id() + "/phi_q", List.of(g.op("Elu", w.id() + "/elu_q", List.of(q)), one));
        String fk = g.op(OnnxOps.ADD, w.id() + "/phi_k", List.of(g.op("Elu", w.id() + "/elu_k", List.of(k)), one));
        String state = g.op("MatMul", w.id() + "/state", List.of(w.transpose(fk, 0, 1, 3, 2), v));   // [N, h, dh, dh]
        String keySum = w.transpose(w.reduceSum(fk, true, 2), 0, 1, 3, 2);                          // [N, h, dh, 1]
        String numerator = g.op("MatMul", w.id() + "/numerator", List.of(fq, state));               // [N, h, Lq, dh]
        String denominator = g.op(OnnxOps.ADD, w.id() + "/denominator", List.of(
                g.op("MatMul", w.id() + "/normaliser", List.of(fq, keySum)), g.scalar(w.id() + ".eps", 1e-6f)));
        return g.op("Div", w.id() + "/attended", List.of(numerator, denominator));
    }
}
