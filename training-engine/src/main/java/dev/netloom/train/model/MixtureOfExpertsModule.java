package dev.netloom.train.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;

import java.util.ArrayList;
import java.util.List;

/**
 * A Mixture-of-Experts feed-forward layer with top-k routing and sparse dispatch.
 *
 * <p>For each token the router scores every expert; the {@code topK} best are kept and their
 * scores renormalised by a softmax over the kept ones. Each expert then runs only on the tokens
 * routed to it (while training at most {@code capacity = ceil(capacityFactor · tokens · topK / experts)};
 * later tokens over that skip the expert), and its outputs are added back, weighted by the gate, with a
 * one-hot dispatch matrix. An expert that gets no tokens does no work and gets zero gradients.
 * While training, Gaussian noise of std {@code routerNoise} is added to router scores, and the
 * Switch Transformer load-balancing loss {@code E · Σₑ fₑ · Pₑ} (fₑ: share of assignments
 * to expert e, Pₑ: its mean router probability) is added to the objective with its weight.
 *
 * <p>The capacity limit applies only while training (as in Switch and GShard): at inference every
 * token reaches its experts, so a prediction never depends on which other examples share its batch,
 * and an exported model (which has no batch-dependent dropping) computes the same thing.
 */
final class MixtureOfExpertsModule implements LayerModule {

    private final long width;
    private final long hidden;
    private final int experts;
    private final int topK;
    private final String activation;
    private final double capacityFactor;
    private final float balanceWeight;
    private final float routerNoise;

    MixtureOfExpertsModule(long width, long hidden, int experts, int topK, String activation, double capacityFactor,
                           float balanceWeight, float routerNoise) {
        this.width = width;
        this.hidden = hidden;
        this.experts = experts;
        this.topK = topK;
        this.activation = activation;
        this.capacityFactor = capacityFactor;
        this.balanceWeight = balanceWeight;
        this.routerNoise = routerNoise;
    }

    private Projection up(int e) {
        return new Projection("expert" + e + ".up", width, hidden, true);
    }

    private Projection down(int e) {
        return new Projection("expert" + e + ".down", hidden, width, true);
    }

    @Override
    public List<WeightSpec> weights() {
        List<WeightSpec> w = new ArrayList<>();
        w.add(WeightSpec.weight("router.weight", width, experts, width));
        for (int e = 0; e < experts; e++) {
            w.addAll(up(e).weights());
            w.addAll(down(e).weights());
        }
        return w;
    }

    @Override
    public NDArray forward(LayerCall call) {
        NDArray x = call.in();
        Shape shape = x.getShape();
        NDArray tokens = x.reshape(new Shape(-1, width));
        long count = tokens.getShape().get(0);

        NDArray logits = Linear.linear(tokens, call.weight("router.weight")).singletonOrThrow();
        if (call.training() && routerNoise > 0) {
            logits = logits.add(call.manager().randomNormal(0f, routerNoise, logits.getShape(), DataType.FLOAT32));
        }
        NDList best = logits.topK(topK, -1);
        NDArray gates = best.get(0).softmax(-1);                         // [T, k], renormalised
        NDArray chosen = best.get(1);                                    // [T, k] expert indices
        long capacity = (long) Math.ceil(capacityFactor * count * topK / experts);

        NDArray out = call.manager().zeros(tokens.getShape(), DataType.FLOAT32);
        long[] assigned = new long[experts];
        for (int e = 0; e < experts; e++) {
            NDArray mine = chosen.eq(e);                                 // [T, k]
            NDArray gate = gates.mul(mine.toType(DataType.FLOAT32, false)).sum(new int[] {1}); // [T]
            NDArray rows = mine.toType(DataType.INT32, false).sum(new int[] {1}).gt(0).nonzero().reshape(-1);
            long routed = rows.getShape().get(0);
            assigned[e] = routed;
            if (routed == 0) {
                continue;
            }
            if (call.training() && routed > capacity) {
                rows = rows.get(new NDIndex(":{}", capacity));
            }
            NDArray input = tokens.get(new NDIndex("{}", rows));
            NDArray y = down(e).apply(call, Activations.apply(activation, up(e).apply(call, input)));
            NDArray weighted = y.mul(gate.get(new NDIndex("{}", rows)).expandDims(1));
            NDArray dispatch = rows.oneHot((int) count).toType(DataType.FLOAT32, false); // [n, T]
            out = out.add(dispatch.transpose().matMul(weighted));
        }
        call.context().recordRouting(call.nodeId(), assigned);
        if (call.training() && balanceWeight > 0) {
            float[] share = new float[experts];
            for (int e = 0; e < experts; e++) {
                share[e] = (float) assigned[e] / (count * topK);
            }
            NDArray meanProbability = logits.softmax(-1).mean(new int[] {0});
            NDArray balance = Scalars.times(meanProbability.mul(call.manager().create(share)).sum(),
                    (float) experts * balanceWeight);
            call.context().addAuxiliaryLoss(balance);
        }
        return out.reshape(shape);
    }
}
