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

/** Layer normalisation over the last dimension, with a learned scale and shift per feature. */
public final class LayerNorm extends LayerSpec {

    public LayerNorm() {
        super(LayerType.LAYER_NORM, Category.NORMALIZATION, LayerTraits.computing(WeightUse.ELEMENTWISE),
                "Rescales each token's features to a common range; the usual "
                        + "normaliser in transformers.",
                List.of(ParamSpec.real("epsilon", 1e-5, 1e-12, 0.1, "A small number added to the variance so "
                        + "nothing is divided by zero.")),
                List.of(PortSpec.input("in", "a sequence or vector", TensorKind.SEQUENCE, TensorKind.VECTOR),
                        PortSpec.output("out", "the same shape", TensorKind.SEQUENCE, TensorKind.VECTOR)));
    }

    @Override
    protected Map<String, TensorType> outputs(LayerContext ctx) {
        return Map.of("out", ctx.in());
    }

    @Override
    protected long parameters(LayerContext ctx) {
        return 2L * ctx.in().dim(-1);
    }

    @Override
    protected long multiplyAdds(LayerContext ctx) {
        return 0;
    }
}
