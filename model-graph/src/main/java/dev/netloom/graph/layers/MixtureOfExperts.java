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
 * A Mixture-of-Experts feed-forward layer: a router scores every token against {@code experts}
 * small networks (D -> hidden -> D) and sends it to the {@code topK} best, whose outputs are
 * mixed by renormalised router weights. [L, D] -> [L, D], or [D] -> [D].
 *
 * <p>Costs: all experts' weights are stored, but one token uses the router and {@code topK}
 * experts, so the active parameters and multiply-adds are much smaller than the totals.
 */
public final class MixtureOfExperts extends LayerSpec {

    public MixtureOfExperts() {
        super(LayerType.MOE, Category.MIXTURE_OF_EXPERTS, LayerTraits.computing(WeightUse.MATRIX_PRODUCT),
                "Several small expert networks, of which a learned router picks "
                        + "a few for each token: more capacity at the same cost per token.",
                List.of(
                        ParamSpec.integer("experts", 4, 1, 256, "How many expert networks there are."),
                        ParamSpec.integer("topK", 2, 1, 256, "How many experts each token is sent to; at most the "
                                + "number of experts."),
                        ParamSpec.integer("hidden", 256, 1, 65536, "The inner width of each expert."),
                        ParamSpec.choice("activation", "GELU", List.of("GELU", "ReLU", "SiLU"), "The curve inside "
                                + "each expert."),
                        ParamSpec.real("capacityFactor", 1.25, 1.0, 8.0, "How many tokens an expert may take in a "
                                + "batch, relative to an even share; extra tokens skip the layer."),
                        ParamSpec.real("balanceLossWeight", 0.01, 0.0, 1.0, "How strongly training pushes the router "
                                + "to use all experts evenly."),
                        ParamSpec.real("routerNoise", 0.0, 0.0, 10.0, "Random noise added to router scores while "
                                + "training, so more experts get tried.")),
                List.of(PortSpec.input("in", "a sequence or vector", TensorKind.SEQUENCE, TensorKind.VECTOR),
                        PortSpec.output("out", "the same shape", TensorKind.SEQUENCE, TensorKind.VECTOR)));
    }

    @Override
    protected void parameterRules(LayerContext ctx) {
        int experts = ctx.intParam("experts");
        int topK = ctx.intParam("topK");
        if (topK > experts) {
            throw ctx.fail(null, "topK " + topK + " is larger than the number of experts " + experts
                    + "; choose topK from 1 to " + experts);
        }
    }

    @Override
    protected Map<String, TensorType> outputs(LayerContext ctx) {
        return Map.of("out", ctx.in());
    }

    private static long tokens(LayerContext ctx) {
        TensorType in = ctx.in();
        return in.rank() == 1 ? 1 : in.dim(0);
    }

    private static long expertParameters(LayerContext ctx) {
        return expertParameters(ctx.in().dim(-1), ctx.intParam("hidden"));
    }

    private static long routerParameters(LayerContext ctx) {
        return routerParameters(ctx.in().dim(-1), ctx.intParam("experts"));
    }

    /**
     * One expert's weights: D -> hidden -> D with biases. Public so a view that draws the experts
     * one by one (the designer's expanded MoE card) counts them as the costs do.
     *
     * @param width the token width D, the input's last dimension
     */
    public static long expertParameters(long width, int hidden) {
        return product(2, width, hidden) + hidden + width;
    }

    /** The router's weights: one score per expert from a token of width D (no bias). */
    public static long routerParameters(long width, int experts) {
        return product(width, experts);
    }

    @Override
    protected long parameters(LayerContext ctx) {
        return routerParameters(ctx) + product(ctx.intParam("experts"), expertParameters(ctx));
    }

    @Override
    protected long activeParameters(LayerContext ctx) {
        return routerParameters(ctx) + product(ctx.intParam("topK"), expertParameters(ctx));
    }

    @Override
    protected long multiplyAdds(LayerContext ctx) {
        return expertMultiplyAdds(ctx, ctx.intParam("experts"));
    }

    @Override
    protected long activeMultiplyAdds(LayerContext ctx) {
        return expertMultiplyAdds(ctx, ctx.intParam("topK"));
    }

    private static long expertMultiplyAdds(LayerContext ctx, int expertsUsed) {
        long d = ctx.in().dim(-1);
        long h = ctx.intParam("hidden");
        return product(tokens(ctx), Math.addExact(d * ctx.intParam("experts"), product(expertsUsed, 2, d, h)));
    }

    @Override
    protected long workspaceBytes(LayerContext ctx) {
        long routerScores = product(4, tokens(ctx), ctx.intParam("experts"));
        long expertHidden = product(4, tokens(ctx), ctx.intParam("topK"), ctx.intParam("hidden"));
        return routerScores + expertHidden;
    }
}
