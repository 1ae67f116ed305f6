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

/** Averages over all positions: [C, H, W] -> [C], and [L, D] -> [D]. */
public final class GlobalAvgPool extends LayerSpec {

    public GlobalAvgPool() {
        super(LayerType.GLOBAL_AVG_POOL, Category.CONVOLUTION, LayerTraits.computing(WeightUse.NONE),
                "Averages a whole picture or sequence into one vector of features.",
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
