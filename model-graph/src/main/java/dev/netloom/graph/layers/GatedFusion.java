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

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Dynamic modality weighting: each input vector is projected to {@code dim}; a gate reads all
 * inputs and gives one softmax weight per modality; the output is the weighted sum. The model
 * can lean on the picture for one example and on the text for another.
 */
public final class GatedFusion extends LayerSpec {

    private static final List<String> PORTS = List.of("a", "b", "c");

    public GatedFusion() {
        super(LayerType.GATED_FUSION, Category.ATTENTION_FUSION, LayerTraits.computing(WeightUse.MATRIX_PRODUCT),
                "Blends two or three inputs (say, picture and text), "
                        + "learning how much to trust each one for every example.",
                List.of(ParamSpec.integer("dim", 128, 1, 8192, "How many numbers the blended output has.")),
                List.of(PortSpec.input("a", "first modality", TensorKind.VECTOR),
                        PortSpec.input("b", "second modality", TensorKind.VECTOR),
                        PortSpec.optionalInput("c", "third modality", TensorKind.VECTOR),
                        PortSpec.output("out", "the blend", TensorKind.VECTOR)));
    }

    private static List<Integer> widths(LayerContext ctx) {
        List<Integer> widths = new ArrayList<>();
        for (String port : PORTS) {
            ctx.input(port).ifPresent(t -> widths.add(t.dim(0)));
        }
        return widths;
    }

    @Override
    protected Map<String, TensorType> outputs(LayerContext ctx) {
        return Map.of("out", TensorType.floats(ctx.intParam("dim")));
    }

    @Override
    protected long parameters(LayerContext ctx) {
        long dim = ctx.intParam("dim");
        List<Integer> widths = widths(ctx);
        long modalities = widths.size();
        long total = 0;
        long concatenated = 0;
        for (int w : widths) {
            total += product(w, dim) + dim;
            concatenated += w;
        }
        return total + product(concatenated, modalities) + modalities;
    }

    @Override
    protected long multiplyAdds(LayerContext ctx) {
        long dim = ctx.intParam("dim");
        List<Integer> widths = widths(ctx);
        long concatenated = widths.stream().mapToLong(Integer::longValue).sum();
        return product(concatenated, dim) + product(concatenated, widths.size()) + product(dim, widths.size());
    }
}
