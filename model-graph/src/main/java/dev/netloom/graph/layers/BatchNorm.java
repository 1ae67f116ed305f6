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
 * Batch normalisation per channel (images) or feature (vectors). Counts the learned scale and
 * shift (2 per channel); the running mean and variance are statistics, not trainable weights,
 * as in torchvision's parameter counts.
 */
public final class BatchNorm extends LayerSpec {

    public BatchNorm() {
        super(LayerType.BATCH_NORM, Category.NORMALIZATION, LayerTraits.computing(WeightUse.ELEMENTWISE).foldingIntoProducer(),
                "Rescales each channel using statistics of the training batch, "
                        + "which makes training faster and steadier.",
                List.of(ParamSpec.real("epsilon", 1e-5, 1e-12, 0.1, "A small number added to the variance so "
                        + "nothing is divided by zero.")),
                List.of(PortSpec.input("in", "a feature map or vector", TensorKind.IMAGE, TensorKind.VECTOR),
                        PortSpec.output("out", "the same shape", TensorKind.IMAGE, TensorKind.VECTOR)));
    }

    /** Channels of a feature map, features of a vector. */
    private static int channels(TensorType t) {
        return t.dim(0);
    }

    @Override
    protected Map<String, TensorType> outputs(LayerContext ctx) {
        return Map.of("out", ctx.in());
    }

    @Override
    protected long parameters(LayerContext ctx) {
        return 2L * channels(ctx.in());
    }

    @Override
    protected long multiplyAdds(LayerContext ctx) {
        return 0;
    }
}
