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

/** Zeroes a random share of values while training; passes values through when the model is used. */
public final class Dropout extends LayerSpec {

    public Dropout() {
        super(LayerType.DROPOUT, Category.CORE, LayerTraits.FREE,
                "Randomly switches off some values while training so the model does not "
                        + "memorise; does nothing once trained.",
                List.of(ParamSpec.real("rate", 0.1, 0.0, 0.95, "The share of values switched off in each training step.")),
                List.of(PortSpec.input("in", "any features", TensorKind.VECTOR, TensorKind.SEQUENCE, TensorKind.IMAGE,
                                TensorKind.OTHER),
                        PortSpec.output("out", "the same shape", TensorKind.VECTOR, TensorKind.SEQUENCE,
                                TensorKind.IMAGE, TensorKind.OTHER)));
    }

    @Override
    protected Map<String, TensorType> outputs(LayerContext ctx) {
        return Map.of("out", ctx.in());
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
