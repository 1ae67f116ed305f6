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
 * Queries from one input attend over keys and values from another: the usual way one modality
 * reads another. The query may be a sequence [Lq, Dq] or a vector (one query); the context may
 * be a sequence [Lk, Dk] or a feature map [C, H, W], read as H·W positions of C features. The
 * output has the query's shape. The {@code linear} variant (kernelised attention) costs time
 * linear in both lengths instead of their product.
 */
public final class CrossAttention extends LayerSpec {

    public CrossAttention() {
        super(LayerType.CROSS_ATTENTION, Category.ATTENTION_FUSION, LayerTraits.computing(WeightUse.MATRIX_PRODUCT),
                "Lets one input (say, a question) look at another "
                        + "(say, a picture) and pick out what it needs.",
                List.of(
                        ParamSpec.integer("heads", 4, 1, Attention.MAX_HEADS, "How many independent ways of "
                                + "looking; must divide the query width."),
                        ParamSpec.choice("variant", "softmax", List.of("softmax", "linear"), "Softmax is exact and "
                                + "usual; linear is much cheaper for long inputs."),
                        ParamSpec.real("dropout", 0.0, 0.0, 0.9, "Share of attention links switched off while training.")),
                List.of(PortSpec.input("query", "who asks: a sequence or vector", TensorKind.SEQUENCE, TensorKind.VECTOR),
                        PortSpec.input("context", "what is read: a sequence or feature map", TensorKind.SEQUENCE,
                                TensorKind.IMAGE),
                        PortSpec.output("out", "the query's shape", TensorKind.SEQUENCE, TensorKind.VECTOR)));
    }

    private record Sizes(long lq, long dq, long lk, long dk) {
    }

    private static Sizes sizes(LayerContext ctx) {
        TensorType q = ctx.input("query").orElseThrow();
        TensorType c = ctx.input("context").orElseThrow();
        long lq = q.rank() == 1 ? 1 : q.dim(0);
        long dq = q.dim(-1);
        boolean map = c.kind() == TensorKind.IMAGE;
        long lk = map ? (long) c.dim(1) * c.dim(2) : c.dim(0);
        long dk = map ? c.dim(0) : c.dim(1);
        return new Sizes(lq, dq, lk, dk);
    }

    @Override
    protected Map<String, TensorType> outputs(LayerContext ctx) {
        TensorType q = ctx.input("query").orElseThrow();
        Attention.checkHeads(ctx, "query", q.dim(-1), ctx.intParam("heads"));
        return Map.of("out", q);
    }

    @Override
    protected long parameters(LayerContext ctx) {
        Sizes s = sizes(ctx);
        return Attention.projectionParameters(s.dq, s.dk, true);
    }

    @Override
    protected long multiplyAdds(LayerContext ctx) {
        Sizes s = sizes(ctx);
        long attention = ctx.choiceParam("variant").equals("linear")
                ? Attention.linearMultiplyAdds(s.lq, s.lk, s.dq, ctx.intParam("heads"))
                : Attention.softmaxMultiplyAdds(s.lq, s.lk, s.dq);
        return Math.addExact(Attention.projectionMultiplyAdds(s.lq, s.lk, s.dq, s.dk), attention);
    }

    @Override
    protected long workspaceBytes(LayerContext ctx) {
        Sizes s = sizes(ctx);
        int heads = ctx.intParam("heads");
        return sum(Attention.projectionBytes(s.lq, s.lk, s.dq), ctx.choiceParam("variant").equals("linear")
                ? Attention.linearStateBytes(s.dq, heads)
                : Attention.softmaxScoreBytes(s.lq, s.lk, heads));
    }
}
