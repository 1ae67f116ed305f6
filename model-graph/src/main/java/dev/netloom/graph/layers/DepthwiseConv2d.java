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

/** A convolution of each channel on its own (groups = channels), as in MobileNet. */
public final class DepthwiseConv2d extends LayerSpec {

    public DepthwiseConv2d() {
        super(LayerType.DEPTHWISE_CONV2D, Category.CONVOLUTION, LayerTraits.computing(WeightUse.CONVOLUTION).takingInFollowers(),
                "A cheap convolution that filters each channel on its own, "
                        + "as phone-sized models do.",
                List.of(
                        ParamSpec.size2d("kernel", 3, 1, 31, "The size of each channel's pattern in pixels: 3 means "
                                + "3x3, [1, 7] one pixel high and seven wide."),
                        ParamSpec.size2d("stride", 1, 1, 16, "How far the pattern moves each step; 2 halves the picture."),
                        ParamSpec.size2d("padding", 1, 0, 31, "Pixels of zeros added around the border."),
                        ParamSpec.integer("dilation", 1, 1, 16, "Spacing between the pattern's pixels."),
                        ParamSpec.integer("multiplier", 1, 1, 16, "How many output channels each input channel gives."),
                        ParamSpec.bool("bias", true, "Whether each output channel gets a learned offset.")),
                List.of(PortSpec.input("in", "a feature map", TensorKind.IMAGE),
                        PortSpec.output("out", "a feature map", TensorKind.IMAGE)));
    }

    @Override
    protected Map<String, TensorType> outputs(LayerContext ctx) {
        TensorType in = ctx.in();
        int[] hw = SlidingWindow.of(ctx, ctx.intParam("dilation")).outputSize(ctx, in);
        return Map.of("out", TensorType.floats(dimension(product(in.dim(0), ctx.intParam("multiplier"))), hw[0], hw[1]));
    }

    @Override
    protected long parameters(LayerContext ctx) {
        int[] k = ctx.pairParam("kernel");
        long outChannels = ctx.out().dim(0);
        return product(outChannels, k[0], k[1]) + (ctx.boolParam("bias") ? outChannels : 0);
    }

    @Override
    protected long multiplyAdds(LayerContext ctx) {
        int[] k = ctx.pairParam("kernel");
        return product(ctx.out().elements(), k[0], k[1]);
    }
}
