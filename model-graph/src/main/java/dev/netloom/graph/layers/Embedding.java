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

/** Looks each token id up in a learned table: [L] ids -> [L, dim]. The table has one row per vocabulary entry. */
public final class Embedding extends LayerSpec {

    public Embedding() {
        super(LayerType.EMBEDDING, Category.ATTENTION_FUSION, LayerTraits.computing(WeightUse.LOOKUP),
                "Turns each token into a learned list of numbers that "
                        + "captures its meaning.",
                List.of(ParamSpec.integer("dim", 64, 1, 8192, "How many numbers describe each token (the model width).")),
                List.of(PortSpec.input("in", "token ids", TensorKind.TOKENS),
                        PortSpec.output("out", "a sequence", TensorKind.SEQUENCE)));
    }

    @Override
    protected Map<String, TensorType> outputs(LayerContext ctx) {
        return Map.of("out", TensorType.floats(ctx.in().dim(0), ctx.intParam("dim")));
    }

    @Override
    protected long parameters(LayerContext ctx) {
        return product(ctx.in().vocabulary(), ctx.intParam("dim"));
    }

    @Override
    protected long multiplyAdds(LayerContext ctx) {
        return 0;
    }
}
