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
 * Cuts a picture into square patches and projects each to a vector (ViT):
 * [C, H, W] -> [(H/p)·(W/p), dim], a convolution with kernel and stride p.
 */
public final class PatchEmbedding extends LayerSpec {

    public PatchEmbedding() {
        super(LayerType.PATCH_EMBEDDING, Category.ATTENTION_FUSION, LayerTraits.computing(WeightUse.CONVOLUTION),
                "Cuts a picture into small squares and turns each "
                        + "into a token, so a transformer can read pictures.",
                List.of(
                        ParamSpec.integer("patchSize", 4, 1, 64, "The side of each square in pixels; it must "
                                + "divide the picture's height and width."),
                        ParamSpec.integer("dim", 64, 1, 8192, "How many numbers describe each patch (the model width).")),
                List.of(PortSpec.input("in", "a picture", TensorKind.IMAGE),
                        PortSpec.output("out", "a sequence of patches", TensorKind.SEQUENCE)));
    }

    @Override
    protected Map<String, TensorType> outputs(LayerContext ctx) {
        TensorType in = ctx.in();
        int p = ctx.intParam("patchSize");
        if (in.dim(1) % p != 0 || in.dim(2) % p != 0) {
            throw ctx.fail("in", "patch size " + p + " must divide the picture's height and width, got "
                    + in.dim(1) + "x" + in.dim(2));
        }
        return Map.of("out", TensorType.floats(dimension((long) (in.dim(1) / p) * (in.dim(2) / p)),
                ctx.intParam("dim")));
    }

    @Override
    protected long parameters(LayerContext ctx) {
        int p = ctx.intParam("patchSize");
        long dim = ctx.intParam("dim");
        return product(ctx.in().dim(0), p, p, dim) + dim;
    }

    @Override
    protected long multiplyAdds(LayerContext ctx) {
        int p = ctx.intParam("patchSize");
        return product(ctx.out().dim(0), ctx.in().dim(0), p, p, ctx.intParam("dim"));
    }
}
