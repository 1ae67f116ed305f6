package dev.netloom.graph.layers;

import dev.netloom.graph.TensorKind;
import dev.netloom.graph.TensorType;
import dev.netloom.graph.catalog.Category;
import dev.netloom.graph.catalog.LayerContext;
import dev.netloom.graph.catalog.LayerSpec;
import dev.netloom.graph.catalog.LayerTraits;
import dev.netloom.graph.catalog.LayerType;
import dev.netloom.graph.catalog.PortSpec;
import dev.netloom.graph.catalog.WeightUse;

import java.util.List;
import java.util.Map;

/** Keeps the largest value over all positions: [C, H, W] -> [C], and [L, D] -> [D]. */
public final class GlobalMaxPool extends LayerSpec {

    public GlobalMaxPool() {
        super(LayerType.GLOBAL_MAX_POOL, Category.CONVOLUTION, LayerTraits.computing(WeightUse.NONE),
                "Keeps the strongest value of each feature over a whole picture or sequence: "
                        + "whether something was found anywhere.",
                List.of(),
                List.of(PortSpec.input("in", "a feature map or sequence", TensorKind.IMAGE, TensorKind.SEQUENCE),
                        PortSpec.output("out", "a vector", TensorKind.VECTOR)));
    }

    @Override
    protected Map<String, TensorType> outputs(LayerContext ctx) {
        TensorType in = ctx.in();
        return Map.of("out", TensorType.floats(in.kind() == TensorKind.IMAGE ? in.dim(0) : in.dim(-1)));
    }

    @Override
    protected long parameters(LayerContext ctx) {
        return 0;
    }

    @Override
    protected long multiplyAdds(LayerContext ctx) {
        return 0;
    }
}
