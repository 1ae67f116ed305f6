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

/**
 * A pre-norm transformer encoder block: {@code x + Attention(LayerNorm(x))}, then
 * {@code x + MLP(LayerNorm(x))} with an MLP of width {@code D·mlpRatio}. [L, D] -> [L, D].
 * To replace the MLP (for example by a MoE layer), draw the block from its parts instead.
 */
public final class TransformerEncoderBlock extends LayerSpec {

    public TransformerEncoderBlock() {
        super(LayerType.TRANSFORMER_ENCODER_BLOCK, Category.ATTENTION_FUSION, LayerTraits.computing(WeightUse.MATRIX_PRODUCT),
                "One layer of a transformer: tokens exchange "
                        + "information by attention, then each is refined by a small network.",
                List.of(
                        ParamSpec.integer("heads", 4, 1, Attention.MAX_HEADS, "How many independent ways of "
                                + "looking; must divide the model width."),
                        ParamSpec.integer("mlpRatio", 4, 1, 16, "How many times wider the inner network is than the "
                                + "model width."),
                        ParamSpec.real("dropout", 0.1, 0.0, 0.9, "Share of values switched off while training."),
                        ParamSpec.choice("activation", "GELU", List.of("GELU", "ReLU", "SiLU"), "The curve inside "
                                + "the inner network."),
                        ParamSpec.bool("causal", false, "Each token sees only itself and the tokens before it, "
                                + "as a model that predicts what comes next must.")),
                List.of(PortSpec.input("in", "a sequence", TensorKind.SEQUENCE),
                        PortSpec.output("out", "a sequence of the same shape", TensorKind.SEQUENCE)));
    }

    @Override
    protected Map<String, TensorType> outputs(LayerContext ctx) {
        Attention.checkHeads(ctx, "in", ctx.in().dim(-1), ctx.intParam("heads"));
        return Map.of("out", ctx.in());
    }

    @Override
    protected long parameters(LayerContext ctx) {
        long d = ctx.in().dim(1);
        long hidden = d * ctx.intParam("mlpRatio");
        long norms = 2 * 2 * d;
        long mlp = sum(product(d, hidden), hidden, product(hidden, d), d);
        return sum(norms, Attention.projectionParameters(d, d, true), mlp);
    }

    @Override
    protected long multiplyAdds(LayerContext ctx) {
        long l = ctx.in().dim(0);
        long d = ctx.in().dim(1);
        long hidden = d * ctx.intParam("mlpRatio");
        return sum(Attention.projectionMultiplyAdds(l, l, d, d), Attention.softmaxMultiplyAdds(l, l, d),
                product(2, l, d, hidden));
    }

    @Override
    protected long workspaceBytes(LayerContext ctx) {
        long l = ctx.in().dim(0);
        long hidden = (long) ctx.in().dim(1) * ctx.intParam("mlpRatio");
        return sum(Attention.projectionBytes(l, l, ctx.in().dim(1)), Attention.softmaxScoreBytes(l, l, ctx.intParam("heads")),
                product(4, l, hidden));
    }
}
