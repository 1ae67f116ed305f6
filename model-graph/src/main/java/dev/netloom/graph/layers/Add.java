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

/** Adds two tensors of the same shape: the residual ("skip") connection. */
public final class Add extends LayerSpec {

    public Add() {
        super(LayerType.ADD, Category.CORE, LayerTraits.computing(WeightUse.NONE),
                "Adds two inputs of the same shape; used for shortcuts that let deep models "
                        + "train well.",
                List.of(),
                List.of(PortSpec.input("a", "first input", TensorKind.IMAGE, TensorKind.SEQUENCE, TensorKind.VECTOR,
                                TensorKind.OTHER),
                        PortSpec.input("b", "second input, same shape", TensorKind.IMAGE, TensorKind.SEQUENCE,
                                TensorKind.VECTOR, TensorKind.OTHER),
                        PortSpec.output("out", "the sum", TensorKind.IMAGE, TensorKind.SEQUENCE, TensorKind.VECTOR,
                                TensorKind.OTHER)));
    }

    @Override
    protected Map<String, TensorType> outputs(LayerContext ctx) {
        TensorType a = ctx.input("a").orElseThrow();
        TensorType b = ctx.input("b").orElseThrow();
        if (!a.dims().equals(b.dims())) {
            throw ctx.fail("b", "expected the same shape as input a, " + a + ", got " + b);
        }
        return Map.of("out", a);
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
