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
 * A transposed convolution (PyTorch's {@code nn.ConvTranspose2d}, ONNX {@code ConvTranspose}):
 * each input pixel stamps a learned k×k pattern per output channel, {@code stride} pixels apart,
 * so it enlarges a feature map with learned weights. [C, H, W] -> [filters, H', W'] with
 * {@code H' = (H − 1)·stride − 2·padding + kernel + outputPadding} (PyTorch's formula at
 * dilation 1). Weights are laid out [C, filters, k, k] as PyTorch stores them.
 *
 * <p>Multiply-adds count the products done: every input value times every weight of its input
 * channel, {@code C·H·W · filters·k·k} (fvcore's and ptflops' count for transposed
 * convolutions, which take the input's positions where a convolution takes the output's).
 */
public final class ConvTranspose2d extends LayerSpec {

    public ConvTranspose2d() {
        // Not takingInFollowers: runtimes fuse an activation or BatchNorm into Conv, not into ConvTranspose
        // (ONNX Runtime's ConvActivationFusion and ConvBNFusion match Conv only).
        super(LayerType.CONV_TRANSPOSE2D, Category.CONVOLUTION, LayerTraits.computing(WeightUse.CONVOLUTION),
                "Enlarges a feature map with learned patterns (a convolution run backwards), "
                        + "as the decoder of a segmentation model does.",
                List.of(
                        ParamSpec.integer("filters", 32, 1, 8192, "How many patterns to learn; each gives one output channel."),
                        ParamSpec.integer("kernel", 2, 1, 31, "The size of each pattern in pixels (2 means 2x2)."),
                        ParamSpec.integer("stride", 2, 1, 16, "How far apart the patterns are stamped; 2 doubles the "
                                + "picture."),
                        ParamSpec.integer("padding", 0, 0, 31, "Pixels trimmed from each border of the result."),
                        ParamSpec.integer("outputPadding", 0, 0, 15, "Pixels added to one side of the result, to reach "
                                + "an exact size; less than the stride."),
                        ParamSpec.bool("bias", true, "Whether each output channel gets a learned offset; off when "
                                + "a BatchNorm follows.")),
                List.of(PortSpec.input("in", "a feature map", TensorKind.IMAGE),
                        PortSpec.output("out", "a larger feature map", TensorKind.IMAGE)));
    }

    @Override
    protected void parameterRules(LayerContext ctx) {
        int stride = ctx.intParam("stride");
        int outputPadding = ctx.intParam("outputPadding");
        if (outputPadding >= stride) {
            throw ctx.fail(null, "outputPadding " + outputPadding + " must be less than the stride " + stride);
        }
    }

    @Override
    protected Map<String, TensorType> outputs(LayerContext ctx) {
        TensorType in = ctx.in();
        return Map.of("out", TensorType.floats(ctx.intParam("filters"), size(ctx, in.dim(1)), size(ctx, in.dim(2))));
    }

    private static int size(LayerContext ctx, int in) {
        long out = (long) (in - 1) * ctx.intParam("stride") - 2L * ctx.intParam("padding") + ctx.intParam("kernel")
                + ctx.intParam("outputPadding");
        if (out <= 0) {
            throw ctx.fail("in", "padding " + ctx.intParam("padding") + " trims away the whole " + in + "-pixel input; "
                    + "use less padding or a larger kernel");
        }
        return dimension(out);
    }

    @Override
    protected long parameters(LayerContext ctx) {
        int filters = ctx.intParam("filters");
        int k = ctx.intParam("kernel");
        return product(ctx.in().dim(0), filters, k, k) + (ctx.boolParam("bias") ? filters : 0);
    }

    @Override
    protected long multiplyAdds(LayerContext ctx) {
        int k = ctx.intParam("kernel");
        return product(ctx.in().elements(), ctx.intParam("filters"), k, k);
    }
}
