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
 * A model's answer at every position: the same linear layer applied to each pixel of a feature
 * map ([C, H, W] -> [K, H, W], a 1×1 convolution) or each token of a sequence ([T, D] -> [T, K]).
 * {@link #classification()} gives class scores per position — segmentation (the label is a mask,
 * a class per pixel) and tagging (a class per token); {@link #regression()} gives numbers per
 * position. One weight matrix [K, C] shared by every position, stored as a {@link Head}'s is, so
 * it quantizes as a matrix product.
 */
public final class PerPositionHead extends LayerSpec {

    private final String sizeParam;

    private PerPositionHead(LayerType type, String description, ParamSpec size, String outputDescription) {
        super(type, Category.HEADS, LayerTraits.computing(WeightUse.MATRIX_PRODUCT), description, List.of(size),
                List.of(PortSpec.input("in", "a feature map or a sequence", TensorKind.IMAGE, TensorKind.SEQUENCE),
                        PortSpec.output("out", outputDescription, TensorKind.IMAGE, TensorKind.SEQUENCE)));
        this.sizeParam = size.name();
    }

    /** Scores per class at every pixel or token, trained with cross-entropy averaged over the positions. */
    public static PerPositionHead classification() {
        return new PerPositionHead(LayerType.PER_POSITION_CLASSIFICATION,
                "The answer at every pixel or token: which class each one belongs to (segmentation, tagging).",
                ParamSpec.integer("classes", 2, 2, 100_000, "How many classes each position can belong to."),
                "a score per class at every position");
    }

    /** Numbers at every pixel or token (depth, a heat map). */
    public static PerPositionHead regression() {
        return new PerPositionHead(LayerType.PER_POSITION_REGRESSION,
                "The answer at every pixel or token: one or more numbers each, such as a depth map.",
                ParamSpec.integer("outputs", 1, 1, 4096, "How many numbers the model predicts at each position."),
                "the predicted numbers at every position");
    }

    /** Whether the input is a feature map (positions are pixels, channels first) rather than a sequence. */
    public static boolean overPixels(TensorType in) {
        return in.kind() == TensorKind.IMAGE;
    }

    @Override
    protected Map<String, TensorType> outputs(LayerContext ctx) {
        TensorType in = ctx.in();
        int n = ctx.intParam(sizeParam);
        return Map.of("out", overPixels(in) ? TensorType.floats(n, in.dim(1), in.dim(2))
                : TensorType.floats(in.dim(0), n));
    }

    @Override
    protected long parameters(LayerContext ctx) {
        long n = ctx.intParam(sizeParam);
        return product(width(ctx.in()), n) + n;
    }

    @Override
    protected long multiplyAdds(LayerContext ctx) {
        TensorType in = ctx.in();
        long positions = in.elements() / width(in);
        return product(positions, width(in), ctx.intParam(sizeParam));
    }

    /** The features at one position: channels of a map, the last axis of a sequence. */
    private static int width(TensorType in) {
        return overPixels(in) ? in.dim(0) : in.dim(1);
    }
}
