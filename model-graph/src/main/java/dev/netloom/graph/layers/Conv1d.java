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
 * A 1-D convolution along a sequence stored channels first, as PyTorch's Conv1d: [C, L] ->
 * [filters, L']. Note the layout: channels first, unlike the [L, D] sequences of the attention
 * and recurrent layers.
 */
public final class Conv1d extends LayerSpec {

    public Conv1d() {
        super(LayerType.CONV1D, Category.CONVOLUTION, LayerTraits.computing(WeightUse.CONVOLUTION).takingInFollowers(),
                "Slides short learned patterns along a signal (channels first, [C, L]) to find "
                        + "rises, peaks and rhythms.",
                List.of(
                        ParamSpec.integer("filters", 32, 1, 8192, "How many patterns to learn; each gives one output channel."),
                        ParamSpec.integer("kernel", 3, 1, 255, "How many steps each pattern covers."),
                        ParamSpec.integer("stride", 1, 1, 64, "How far the pattern moves each step; 2 halves the length."),
                        ParamSpec.integer("padding", 1, 0, 127, "Zeros added at both ends; kernel/2 keeps the length."),
                        ParamSpec.integer("dilation", 1, 1, 64, "Spacing between the pattern's steps, to see further "
                                + "at the same cost."),
                        ParamSpec.integer("groups", 1, 1, 8192, "Splits channels into groups convolved separately; "
                                + "must divide the input and output channels."),
                        ParamSpec.bool("bias", true, "Whether each output channel gets a learned offset; off when "
                                + "a BatchNorm follows.")),
                List.of(PortSpec.input("in", "a signal, channels first [C, L]", TensorKind.SEQUENCE),
                        PortSpec.output("out", "a signal [filters, L']", TensorKind.SEQUENCE)));
    }

    @Override
    protected void parameterRules(LayerContext ctx) {
        int groups = ctx.intParam("groups");
        int filters = ctx.intParam("filters");
        if (filters % groups != 0) {
            throw ctx.fail(null, "groups " + groups + " must divide filters, got " + filters + " filters");
        }
    }

    @Override
    protected Map<String, TensorType> outputs(LayerContext ctx) {
        TensorType in = ctx.in();
        int groups = ctx.intParam("groups");
        if (in.dim(0) % groups != 0) {
            throw ctx.fail("in", "groups " + groups + " must divide the input channels, got " + in.dim(0) + " channels");
        }
        int length = new Window1d(ctx.intParam("kernel"), ctx.intParam("stride"), ctx.intParam("padding"),
                ctx.intParam("dilation")).outputLength(ctx, in);
        return Map.of("out", TensorType.floats(ctx.intParam("filters"), length));
    }

    @Override
    protected long parameters(LayerContext ctx) {
        int filters = ctx.intParam("filters");
        long inPerGroup = ctx.in().dim(0) / ctx.intParam("groups");
        return product(filters, inPerGroup, ctx.intParam("kernel")) + (ctx.boolParam("bias") ? filters : 0);
    }

    @Override
    protected long multiplyAdds(LayerContext ctx) {
        long inPerGroup = ctx.in().dim(0) / ctx.intParam("groups");
        return product(ctx.out().elements(), inPerGroup, ctx.intParam("kernel"));
    }
}
