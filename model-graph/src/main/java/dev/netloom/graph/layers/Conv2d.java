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

/** A 2-D convolution: [C, H, W] -> [filters, H', W']. */
public final class Conv2d extends LayerSpec {

    public Conv2d() {
        super(LayerType.CONV2D, Category.CONVOLUTION, LayerTraits.computing(WeightUse.CONVOLUTION).takingInFollowers(),
                "Slides small learned patterns over a picture to find edges, textures "
                        + "and shapes.",
                List.of(
                        ParamSpec.integer("filters", 32, 1, 8192, "How many patterns to learn; each gives one output channel."),
                        ParamSpec.size2d("kernel", 3, 1, 31, "The size of each pattern in pixels: 3 means 3x3, "
                                + "[1, 7] one pixel high and seven wide."),
                        ParamSpec.size2d("stride", 1, 1, 16, "How far the pattern moves each step; 2 halves the picture."),
                        ParamSpec.size2d("padding", 1, 0, 31, "Pixels of zeros added around the border; "
                                + "kernel/2 keeps the size."),
                        ParamSpec.integer("dilation", 1, 1, 16, "Spacing between the pattern's pixels, to see wider "
                                + "at the same cost."),
                        ParamSpec.integer("groups", 1, 1, 8192, "Splits channels into groups that are convolved "
                                + "separately; must divide the input and output channels."),
                        ParamSpec.bool("bias", true, "Whether each output channel gets a learned offset; off when "
                                + "a BatchNorm follows.")),
                List.of(PortSpec.input("in", "a picture or feature map", TensorKind.IMAGE),
                        PortSpec.output("out", "a feature map", TensorKind.IMAGE)));
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
        int filters = ctx.intParam("filters");
        if (in.dim(0) % groups != 0) {
            throw ctx.fail("in", "groups " + groups + " must divide the input channels, got " + in.dim(0) + " channels");
        }
        int[] hw = window(ctx).outputSize(ctx, in);
        return Map.of("out", TensorType.floats(filters, hw[0], hw[1]));
    }

    @Override
    protected long parameters(LayerContext ctx) {
        int filters = ctx.intParam("filters");
        int[] k = ctx.pairParam("kernel");
        long inPerGroup = ctx.in().dim(0) / ctx.intParam("groups");
        return product(filters, inPerGroup, k[0], k[1]) + (ctx.boolParam("bias") ? filters : 0);
    }

    @Override
    protected long multiplyAdds(LayerContext ctx) {
        TensorType out = ctx.out();
        int[] k = ctx.pairParam("kernel");
        long inPerGroup = ctx.in().dim(0) / ctx.intParam("groups");
        return product(out.elements(), inPerGroup, k[0], k[1]);
    }

    private static SlidingWindow window(LayerContext ctx) {
        return SlidingWindow.of(ctx, ctx.intParam("dilation"));
    }
}
