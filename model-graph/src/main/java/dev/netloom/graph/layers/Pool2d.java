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

/** Max or average pooling over windows (square, or rectangular such as 1x2). {@link #max()} and {@link #average()} make the two types. */
public final class Pool2d extends LayerSpec {

    private Pool2d(LayerType type, String description) {
        super(type, Category.CONVOLUTION, LayerTraits.computing(WeightUse.NONE), description,
                List.of(
                        ParamSpec.size2d("kernel", 2, 1, 31, "The window size in pixels: 2 means 2x2, [1, 2] one "
                                + "pixel high and two wide."),
                        ParamSpec.size2d("stride", 2, 1, 31, "How far the window moves each step; 2 halves the picture."),
                        ParamSpec.size2d("padding", 0, 0, 15, "Pixels added around the border; at most half the kernel.")),
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
        int[] kernel = ctx.pairParam("kernel");
        int[] padding = ctx.pairParam("padding");
        for (int axis = 0; axis < 2; axis++) {
            if (2 * padding[axis] > kernel[axis]) {
                String which = kernel[0] == kernel[1] && padding[0] == padding[1] ? "" : axis == 0 ? " in height" : " in width";
                throw ctx.fail(null, "padding " + padding[axis] + " must be at most half the kernel " + kernel[axis] + which);
            }
        }
    }

    @Override
    protected Map<String, TensorType> outputs(LayerContext ctx) {
        TensorType in = ctx.in();
        int[] hw = SlidingWindow.of(ctx, 1).outputSize(ctx, in);
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
