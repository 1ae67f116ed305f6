package dev.netloom.graph.layers;

import dev.netloom.graph.catalog.LayerContext;

import java.util.ArrayList;
import java.util.List;

/**
 * The arithmetic of multi-head attention, shared by self-attention, the encoder block and
 * cross-attention. Queries have width {@code dq}; keys and values are projected from width
 * {@code dk} to {@code dq}; an output projection maps {@code dq} back to {@code dq}.
 */
final class Attention {

    private Attention() {
    }

    /** The largest head count the attention layers' {@code heads} parameter allows. */
    static final int MAX_HEADS = 64;

    /** Refuses a head count that does not divide the width, naming the allowed head counts that would. */
    static void checkHeads(LayerContext ctx, String port, int width, int heads) {
        if (width % heads == 0) {
            return;
        }
        List<String> fits = new ArrayList<>();
        for (int h = 1; h <= Math.min(width, MAX_HEADS); h++) {
            if (width % h == 0) {
                fits.add(String.valueOf(h));
            }
        }
        throw ctx.fail(port, heads + " heads must divide the model width " + width + "; "
                + String.join(", ", fits) + " heads would fit");
    }

    /** Weights of the four projections (query, key, value, output). */
    static long projectionParameters(long dq, long dk, boolean bias) {
        return Math.addExact(Math.addExact(Math.multiplyExact(2 * dq, dq), Math.multiplyExact(2 * dk, dq)),
                bias ? 4 * dq : 0);
    }

    /** Multiply-adds of the four projections for lq queries and lk keys. */
    static long projectionMultiplyAdds(long lq, long lk, long dq, long dk) {
        return Math.addExact(Math.multiplyExact(2 * lq, dq * dq), Math.multiplyExact(2 * lk, dk * dq));
    }

    /** Softmax attention: scores QKᵀ and their weighted sum of values. Quadratic in length. */
    static long softmaxMultiplyAdds(long lq, long lk, long dq) {
        return Math.multiplyExact(Math.multiplyExact(2 * lq, lk), dq);
    }

    /**
     * Linear attention (kernelised, Katharopoulos et al. 2020): per head, Kᵀ·V is a
     * head-width square, then each query multiplies it; linear in both lengths.
     */
    static long linearMultiplyAdds(long lq, long lk, long dq, int heads) {
        long headWidth = dq / heads;
        return Math.multiplyExact(Math.multiplyExact(dq, headWidth + 1), lq + lk);
    }

    /** Bytes of the projected queries, keys and values: (lq + 2·lk) × dq floats. */
    static long projectionBytes(long lq, long lk, long dq) {
        return Math.multiplyExact(4L * dq, Math.addExact(lq, Math.multiplyExact(2L, lk)));
    }

    /** Bytes of linear attention's per-head state Kᵀ·[V 1]: heads × h × (h + 1) floats. */
    static long linearStateBytes(long dq, int heads) {
        long headWidth = dq / heads;
        return Math.multiplyExact(4L * heads, Math.multiplyExact(headWidth, headWidth + 1));
    }

    /** Bytes of the attention score matrices, heads × lq × lk floats. */
    static long softmaxScoreBytes(long lq, long lk, int heads) {
        return Math.multiplyExact(Math.multiplyExact(4L * heads, lq), lk);
    }
}
