package dev.netloom.train.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.norm.Dropout;
import dev.netloom.graph.layers.MultiHeadSelfAttention;

import java.util.ArrayList;
import java.util.List;

/**
 * Multi-head attention with query, key, value and output projections, shared by
 * MultiHeadSelfAttention, TransformerEncoderBlock and CrossAttention. Queries [N, Lq, Dq];
 * keys and values from a context [N, Lk, Dk], projected to Dq.
 *
 * <p>A causal attention adds {@code MultiHeadSelfAttention.causalMask} to the scores, so a query
 * sees only the keys at or before its position (self-attention only: queries and keys are the
 * same positions). The softmax form is exact; the linear form (Katharopoulos et al. 2020) replaces
 * softmax(QKᵀ)V by φ(Q)(φ(K)ᵀV) / φ(Q)Σφ(K) with φ = elu + 1, linear in both lengths.
 */
final class MultiHeadAttention {

    private final String prefix;
    private final int heads;
    private final boolean linear;
    private boolean causal;
    private final float dropout;
    private final Projection query;
    private final Projection key;
    private final Projection value;
    private final Projection output;

    MultiHeadAttention(String prefix, long queryWidth, long contextWidth, int heads, boolean bias, boolean linear,
                       float dropout) {
        this.prefix = prefix;
        this.heads = heads;
        this.linear = linear;
        this.dropout = dropout;
        this.query = new Projection(prefix + "query", queryWidth, queryWidth, bias);
        this.key = new Projection(prefix + "key", contextWidth, queryWidth, bias);
        this.value = new Projection(prefix + "value", contextWidth, queryWidth, bias);
        this.output = new Projection(prefix + "output", queryWidth, queryWidth, bias);
    }

    /** The same attention with the causal mask (each query sees only keys at or before it). */
    MultiHeadAttention causal(boolean causal) {
        this.causal = causal;
        return this;
    }

    List<WeightSpec> weights() {
        List<WeightSpec> w = new ArrayList<>();
        for (Projection p : List.of(query, key, value, output)) {
            w.addAll(p.weights());
        }
        return w;
    }

    /** Attends from queries [N, Lq, Dq] over a context [N, Lk, Dk]; returns [N, Lq, Dq]. */
    NDArray apply(LayerCall call, NDArray queries, NDArray context) {
        long n = queries.getShape().get(0);
        long lq = queries.getShape().get(1);
        long dq = query.out();
        NDArray q = split(query.apply(call, queries));
        NDArray k = split(key.apply(call, context));
        NDArray v = split(value.apply(call, context));
        NDArray attended = linear ? linearAttention(q, k, v) : softmaxAttention(call, q, k, v);
        NDArray merged = attended.transpose(0, 2, 1, 3).reshape(new Shape(n, lq, dq));
        return output.apply(call, merged);
    }

    /** [N, L, D] -> [N, heads, L, D/heads]. */
    private NDArray split(NDArray x) {
        Shape s = x.getShape();
        return x.reshape(new Shape(s.get(0), s.get(1), heads, s.get(2) / heads)).transpose(0, 2, 1, 3);
    }

    private NDArray softmaxAttention(LayerCall call, NDArray q, NDArray k, NDArray v) {
        long headWidth = q.getShape().get(3);
        NDArray scores = Scalars.dividedBy(q.matMul(k.transpose(0, 1, 3, 2)), (float) Math.sqrt(headWidth));
        if (causal) {
            int length = (int) scores.getShape().get(3);
            scores = scores.add(call.manager().create(MultiHeadSelfAttention.causalMask(length), new Shape(length, length)));
        }
        NDArray weights = scores.softmax(-1);
        if (dropout > 0) {
            weights = Dropout.dropout(weights, dropout, call.training()).singletonOrThrow();
        }
        return weights.matMul(v);
    }

    private static NDArray linearAttention(NDArray q, NDArray k, NDArray v) {
        NDArray fq = Activation.elu(q, 1f).add(1f);
        NDArray fk = Activation.elu(k, 1f).add(1f);
        NDArray state = fk.transpose(0, 1, 3, 2).matMul(v);          // [N, h, dh, dh]
        NDArray keySum = fk.sum(new int[] {2}).expandDims(-1);        // [N, h, dh, 1]
        NDArray numerator = fq.matMul(state);                         // [N, h, Lq, dh]
        NDArray denominator = fq.matMul(keySum).add(1e-6f);           // [N, h, Lq, 1]
        return numerator.div(denominator);
    }

    String prefix() {
        return prefix;
    }
}
