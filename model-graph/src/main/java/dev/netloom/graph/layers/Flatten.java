package dev.netloom.graph.layers;

import dev.netloom.graph.TensorKind;
import dev.netloom.graph.TensorType;
import dev.netloom.graph.catalog.Category;
import dev.netloom.graph.catalog.LayerContext;
import dev.netloom.graph.catalog.LayerSpec;
import dev.netloom.graph.catalog.LayerTraits;
import dev.netloom.graph.catalog.LayerType;
import dev.netloom.graph.catalog.PortSpec;

import java.util.List;
import java.util.Map;

/** Lays every value of an example out in one vector. */
public final class Flatten extends LayerSpec {

    public Flatten() {
        super(LayerType.FLATTEN, Category.CORE, LayerTraits.FREE,
                "Lays a picture or sequence out as one long list of numbers.",
                List.of(),
                List.of(PortSpec.input("in", "any features", TensorKind.IMAGE, TensorKind.SEQUENCE, TensorKind.VECTOR,
                                TensorKind.OTHER),
                        PortSpec.output("out", "a vector", TensorKind.VECTOR)));
    }

    @Override
    protected Map<String, TensorType> outputs(LayerContext ctx) {
        return Map.of("out", TensorType.floats(dimension(ctx.in().elements())));
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
