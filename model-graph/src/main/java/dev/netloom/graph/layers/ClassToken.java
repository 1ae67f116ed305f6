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

/**
 * A learned token put in front of a sequence, as ViT's and BERT's class token: [T, D] -> [T+1, D].
 * After the encoder, {@code TakeToken} with index 0 reads it as the whole sequence's summary.
 * Its D values are added to the sequence, not multiplied, so every precision keeps them in FP32.
 */
public final class ClassToken extends LayerSpec {

    public ClassToken() {
        super(LayerType.CLASS_TOKEN, Category.ATTENTION_FUSION, LayerTraits.computing(WeightUse.ELEMENTWISE),
                "Puts one learned token in front of the sequence; after attention it sums up "
                        + "the whole sequence for the head.",
                List.of(),
                List.of(PortSpec.input("in", "a sequence [T, D]", TensorKind.SEQUENCE),
                        PortSpec.output("out", "the sequence with the token first [T+1, D]", TensorKind.SEQUENCE)));
    }

    @Override
    protected Map<String, TensorType> outputs(LayerContext ctx) {
        TensorType in = ctx.in();
        return Map.of("out", TensorType.floats(dimension((long) in.dim(0) + 1), in.dim(1)));
    }

    @Override
    protected long parameters(LayerContext ctx) {
        return ctx.in().dim(1);
    }

    @Override
    protected long multiplyAdds(LayerContext ctx) {
        return 0;
    }
}
