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

import java.util.List;
import java.util.Map;

/** A row of a table entering the model as a vector of numbers. */
public final class TabularInput extends LayerSpec {

    public TabularInput() {
        super(LayerType.TABULAR, Category.INPUTS, LayerTraits.FREE,
                "A row of a table (a spreadsheet line), turned into numbers.",
                List.of(ParamSpec.integer("features", 16, 1, 1_000_000, "How many numbers each row gives "
                        + "after categories are one-hot encoded.")),
                List.of(PortSpec.output("out", "the row's numbers", TensorKind.VECTOR)));
    }

    @Override
    protected Map<String, TensorType> outputs(LayerContext ctx) {
        return Map.of("out", TensorType.floats(ctx.intParam("features")));
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
