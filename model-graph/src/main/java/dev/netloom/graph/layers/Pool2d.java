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

/** Max or average pooling over square windows. {@link #max()} and {@link #average()} make the two types. */
public final class Pool2d extends LayerSpec {

    private Pool2d(LayerType type, String description) {
        super(type, Category.CONVOLUTION, LayerTraits.computing(WeightUse.NONE), description,
                List.of(
                        ParamSpec.integer("kernel", 2, 1, 31, "The window size in pixels (2 means 2x2)."),
                        ParamSpec.integer("stride", 2, 1, 31, "How far the window moves each step; 2 halves the picture."),
                        ParamSpec.integer("padding", 0, 0, 15, "Pixels added around the border; at most half the kernel.")),
                List.of(PortSpec.input("in", "a feature map", TensorKind.IMAGE),
                        PortSpec.output("out", "a smaller feature map", TensorKind.IMAGE)));
    }

    /** MaxPool2d: keeps the largest value of each window. */
    public static Pool2d max() {
        return new Pool2d(LayerType.MAX_POOL2D, "Shrinks a picture by keeping the strongest value in each small window.");
    }

    /** AvgPool2d: keeps the mean of each window. */
    public static Pool2d average() {
        return new Pool2d(LayerType.AVG_POOL2D, "Shrinks a picture by averaging each small window.");
    }

    @Override
    protected void parameterRules(LayerContext ctx) {
        int kernel = ctx.intParam("kernel");
        int padding = ctx.intParam("padding");
        if (2 * padding > kernel) {
            throw ctx.fail(null, "padding " + padding + " must be at most half the kernel " + kernel);
        }
    }

    @Override
    protected Map<String, TensorType> outputs(LayerContext ctx) {
        int kernel = ctx.intParam("kernel");
        int padding = ctx.intParam("padding");
        TensorType in = ctx.in();
        int[] hw = new SlidingWindow(kernel, ctx.intParam("stride"), padding, 1).outputSize(ctx, in);
        return Map.of("out", TensorType.floats(in.dim(0), hw[0], hw[1]));
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
