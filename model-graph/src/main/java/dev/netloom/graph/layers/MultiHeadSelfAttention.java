package dev.netloom.graph.layers;

import dev.netloom.graph.TensorKind;
import dev.netloom.graph.TensorType;
import dev.netloom.graph.catalog.Category;
import dev.netloom.graph.catalog.LayerContext;
import dev.netloom.graph.catalog.LayerSpec;
import dev.netloom.graph.catalog.LayerTraits;
import dev.netloom.graph.catalog.LayerType;
import dev.netloom.graph.catalog.ParamSpec;
import dev.netloom.graph.catalog.PortSpec;
import dev.netloom.graph.catalog.WeightUse;

import java.util.List;
import java.util.Map;

/** Multi-head self-attention over a sequence: [L, D] -> [L, D]. */
public final class MultiHeadSelfAttention extends LayerSpec {

    /**
     * A score no key survives softmax with (its weight is exactly 0 in FP32), finite so that no
     * arithmetic on it makes a NaN.
     */
    public static final float MASKED = -1e9f;

    public MultiHeadSelfAttention() {
        super(LayerType.MULTI_HEAD_SELF_ATTENTION, Category.ATTENTION_FUSION, LayerTraits.computing(WeightUse.MATRIX_PRODUCT),
                "Lets every token look at every other token "
                        + "and gather what is relevant to it.",
                List.of(
                        ParamSpec.integer("heads", 4, 1, Attention.MAX_HEADS, "How many independent ways of "
                                + "looking; must divide the model width."),
                        ParamSpec.real("dropout", 0.0, 0.0, 0.9, "Share of attention links switched off while training."),
                        ParamSpec.bool("bias", true, "Whether the projections get learned offsets."),
                        ParamSpec.bool("causal", false, "Each token sees only itself and the tokens before it, "
                                + "as a model that predicts what comes next must.")),
                List.of(PortSpec.input("in", "a sequence", TensorKind.SEQUENCE),
                        PortSpec.output("out", "a sequence of the same shape", TensorKind.SEQUENCE)));
    }

    /**
     * The causal mask added to attention scores [length, length] row major: 0 where a query may look
     * (the key is at or before it), {@link #MASKED} after it. The one definition the training engine
     * and the ONNX writer both use, so a causal model exports the same attention.
     */
    public static float[] causalMask(int length) {
        float[] mask = new float[length * length];
        for (int q = 0; q < length; q++) {
            for (int k = q + 1; k < length; k++) {
                mask[q * length + k] = MASKED;
            }
        }
        return mask;
    }

    @Override
    protected Map<String, TensorType> outputs(LayerContext ctx) {
        Attention.checkHeads(ctx, "in", ctx.in().dim(-1), ctx.intParam("heads"));
        return Map.of("out", ctx.in());
    }

    @Override
    protected long parameters(LayerContext ctx) {
        long d = ctx.in().dim(1);
        return Attention.projectionParameters(d, d, ctx.boolParam("bias"));
    }

    @Override
    protected long multiplyAdds(LayerContext ctx) {
        long l = ctx.in().dim(0);
        long d = ctx.in().dim(1);
        return sum(Attention.projectionMultiplyAdds(l, l, d, d), Attention.softmaxMultiplyAdds(l, l, d));
    }

    @Override
    protected long workspaceBytes(LayerContext ctx) {
        long l = ctx.in().dim(0);
        return sum(Attention.projectionBytes(l, l, ctx.in().dim(1)), Attention.softmaxScoreBytes(l, l, ctx.intParam("heads")));
    }
}
