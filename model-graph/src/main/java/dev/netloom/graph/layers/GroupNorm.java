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
 * Group normalisation (Wu and He 2018), as PyTorch's {@code GroupNorm}: the channels of a feature
 * map are split into groups, each group is normalised by its own mean and variance over its
 * channels and every pixel of one example, then scaled and shifted per channel. Unlike BatchNorm it
 * does not depend on the batch, so it suits small batches. Counts the scale and shift (2 per channel).
 */
public final class GroupNorm extends LayerSpec {

    public GroupNorm() {
        super(LayerType.GROUP_NORM, Category.NORMALIZATION, LayerTraits.computing(WeightUse.ELEMENTWISE),
                "Rescales groups of channels within each example, so it works the same with any batch size.",
                List.of(ParamSpec.integer("groups", 8, 1, 8192, "How many groups the channels are split into; "
                                + "must divide the channels (1 normalises all together, one per channel each alone)."),
                        ParamSpec.real("epsilon", 1e-5, 1e-12, 0.1, "A small number added to the variance so "
                                + "nothing is divided by zero.")),
                List.of(PortSpec.input("in", "a feature map", TensorKind.IMAGE),
                        PortSpec.output("out", "the same shape", TensorKind.IMAGE)));
    }

    @Override
    protected Map<String, TensorType> outputs(LayerContext ctx) {
        TensorType in = ctx.in();
        int groups = ctx.intParam("groups");
        if (in.dim(0) % groups != 0) {
            throw ctx.fail("in", "groups " + groups + " must divide the channels, got " + in.dim(0) + " channels");
        }
        return Map.of("out", in);
    }

    @Override
    protected long parameters(LayerContext ctx) {
        return 2L * ctx.in().dim(0);
    }

    @Override
    protected long multiplyAdds(LayerContext ctx) {
        return 0;
    }
}
