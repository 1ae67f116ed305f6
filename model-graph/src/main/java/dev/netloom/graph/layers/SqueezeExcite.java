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
 * Squeeze-and-Excitation (Hu et al. 2018) as torchvision's {@code SqueezeExcitation} computes it:
 * the feature map [C, H, W] is averaged to [C], reduced to {@code squeeze} features by a 1x1
 * convolution with bias and an activation, expanded back to C by another, turned into a gate in
 * [0, 1] (Sigmoid, or MobileNetV3's Hardsigmoid) and multiplied into every pixel of its channel.
 *
 * <p>Weights ({@code reduce.weight} [squeeze, C], {@code reduce.bias}, {@code expand.weight}
 * [C, squeeze], {@code expand.bias}) are the two 1x1 convolutions, which act on one vector per
 * example: matrix products. Parameters {@code 2·C·squeeze + squeeze + C} and multiply-adds
 * {@code 2·C·squeeze}, as torchvision's parameter counts and the usual FLOP counters give them.
 */
public final class SqueezeExcite extends LayerSpec {

    /** The activation after the reduction: ReLU (MobileNetV3, SENet) or SiLU (EfficientNet). */
    public static final List<String> ACTIVATIONS = List.of("ReLU", "SiLU");
    /** The gate: Sigmoid (SENet, EfficientNet) or Hardsigmoid (MobileNetV3). */
    public static final List<String> GATES = List.of("Sigmoid", "Hardsigmoid");

    public SqueezeExcite() {
        super(LayerType.SQUEEZE_EXCITE, Category.CONVOLUTION, LayerTraits.computing(WeightUse.MATRIX_PRODUCT),
                "Lets a picture's channels weigh each other: a summary of the whole picture decides how much "
                        + "each channel counts.",
                List.of(ParamSpec.integer("squeeze", 16, 1, 8192, "How many features the summary is squeezed to "
                                + "(often a quarter of the channels)."),
                        ParamSpec.choice("activation", "ReLU", ACTIVATIONS, "The curve after squeezing: ReLU, or SiLU "
                                + "as in EfficientNet."),
                        ParamSpec.choice("gate", "Sigmoid", GATES, "How scores become weights between 0 and 1: "
                                + "Sigmoid, or the cheaper Hardsigmoid of MobileNetV3.")),
                List.of(PortSpec.input("in", "a feature map", TensorKind.IMAGE),
                        PortSpec.output("out", "the same shape, channels reweighted", TensorKind.IMAGE)));
    }

    @Override
    protected Map<String, TensorType> outputs(LayerContext ctx) {
        return Map.of("out", ctx.in());
    }

    @Override
    protected long parameters(LayerContext ctx) {
        long c = ctx.in().dim(0);
        long s = ctx.intParam("squeeze");
        return sum(product(2, c, s), s, c); // reduce C*s + s, expand s*C + C
    }

    @Override
    protected long multiplyAdds(LayerContext ctx) {
        return product(2, ctx.in().dim(0), ctx.intParam("squeeze")); // two 1x1 convolutions on a 1x1 map
    }

    @Override
    protected long workspaceBytes(LayerContext ctx) {
        long c = ctx.in().dim(0);
        return product(4, sum(c, ctx.intParam("squeeze"), c)); // the summary, the squeezed features, the gate
    }
}
