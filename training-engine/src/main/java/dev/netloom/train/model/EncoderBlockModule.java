package dev.netloom.train.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;

import java.util.ArrayList;
import java.util.List;

/**
 * The pre-norm transformer encoder block: {@code x + Drop(Attention(LN1(x)))}, then
 * {@code x + Drop(MLP(LN2(x)))}, with LayerNorm (not DJL's BatchNorm-based block).
 */
final class EncoderBlockModule implements LayerModule {

    private final long width;
    private final String activation;
    private final float dropout;
    private final MultiHeadAttention attention;
    private final Projection up;
    private final Projection down;

    EncoderBlockModule(long width, int heads, int mlpRatio, float dropout, String activation, boolean causal) {
        this.width = width;
        this.activation = activation;
        this.dropout = dropout;
        this.attention = new MultiHeadAttention("attention.", width, width, heads, true, false, 0f).causal(causal);
        this.up = new Projection("mlp.up", width, width * mlpRatio, true);
        this.down = new Projection("mlp.down", width * mlpRatio, width, true);
    }

    @Override
    public List<WeightSpec> weights() {
        List<WeightSpec> w = new ArrayList<>();
        w.add(WeightSpec.gamma("norm1.gamma", width));
        w.add(WeightSpec.beta("norm1.beta", width));
        w.addAll(attention.weights());
        w.add(WeightSpec.gamma("norm2.gamma", width));
        w.add(WeightSpec.beta("norm2.beta", width));
        w.addAll(up.weights());
        w.addAll(down.weights());
        return w;
    }

    @Override
    public NDArray forward(LayerCall call) {
        NDArray x = call.in();
        NDArray h = norm(call, "norm1", x);
        x = x.add(drop(call, attention.apply(call, h, h)));
        NDArray m = norm(call, "norm2", x);
        m = down.apply(call, Activations.apply(activation, up.apply(call, m)));
        return x.add(drop(call, m));
    }

    private NDArray norm(LayerCall call, String name, NDArray x) {
        return LayerNorm.layerNorm(x, new Shape(width), call.weight(name + ".gamma"), call.weight(name + ".beta"), 1e-5f)
                .singletonOrThrow();
    }

    private NDArray drop(LayerCall call, NDArray x) {
        return dropout > 0 ? Dropout.dropout(x, dropout, call.training()).singletonOrThrow() : x;
    }
}
