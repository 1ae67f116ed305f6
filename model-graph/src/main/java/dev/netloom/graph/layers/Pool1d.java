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
 * Max or average pooling along a [C, L] sequence (channels first, as Conv1d gives it):
 * [C, L] -> [C, L'], or with {@code global} over the whole length: [C, L] -> [C]. The global mode
 * is the 1-D global pool; GlobalAvgPool on a rank-2 input averages the other axis (it reads
 * [L, D] sequences), so a Conv1d stack ends with one of these. {@link #max()} and
 * {@link #average()} make the two types.
 */
public final class Pool1d extends LayerSpec {

    private Pool1d(LayerType type, String description) {
        super(type, Category.CONVOLUTION, LayerTraits.computing(WeightUse.NONE), description,
                List.of(
                        ParamSpec.integer("kernel", 2, 1, 255, "How many steps each window covers."),
                        ParamSpec.integer("stride", 2, 1, 255, "How far the window moves each step; 2 halves the length."),
                        ParamSpec.integer("padding", 0, 0, 127, "Steps added at both ends; at most half the kernel."),
                        ParamSpec.bool("global", false, "Pool the whole length into one value per channel "
                                + "(kernel, stride and padding are then not used).")),
                List.of(PortSpec.input("in", "a signal, channels first [C, L]", TensorKind.SEQUENCE),
                        PortSpec.output("out", "a shorter signal, or one value per channel when global",
                                TensorKind.SEQUENCE, TensorKind.VECTOR)));
    }

    /** MaxPool1d: keeps the largest value of each window. */
    public static Pool1d max() {
        return new Pool1d(LayerType.MAX_POOL1D, "Shortens a signal by keeping the strongest value in each window.");
    }

    /** AvgPool1d: keeps the mean of each window. */
    public static Pool1d average() {
        return new Pool1d(LayerType.AVG_POOL1D, "Shortens a signal by averaging each window.");
    }

    /** Whether the node pools the whole length (the 1-D global pool). */
    public static boolean isGlobal(Map<String, Object> params) {
        return Boolean.TRUE.equals(params.get("global"));
    }

    @Override
    protected void parameterRules(LayerContext ctx) {
        int kernel = ctx.intParam("kernel");
        int padding = ctx.intParam("padding");
        if (!ctx.boolParam("global") && 2 * padding > kernel) {
            throw ctx.fail(null, "padding " + padding + " must be at most half the kernel " + kernel);
        }
    }

    @Override
    protected Map<String, TensorType> outputs(LayerContext ctx) {
        TensorType in = ctx.in();
        if (ctx.boolParam("global")) {
            return Map.of("out", TensorType.floats(in.dim(0)));
        }
        int length = new Window1d(ctx.intParam("kernel"), ctx.intParam("stride"), ctx.intParam("padding"), 1)
                .outputLength(ctx, in);
        return Map.of("out", TensorType.floats(in.dim(0), length));
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
