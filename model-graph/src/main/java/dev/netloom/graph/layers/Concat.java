package dev.netloom.graph.layers;

import dev.netloom.graph.TensorKind;
import dev.netloom.graph.TensorType;
import dev.netloom.graph.catalog.Category;
import dev.netloom.graph.catalog.LayerContext;
import dev.netloom.graph.catalog.LayerSpec;
import dev.netloom.graph.catalog.LayerTraits;
import dev.netloom.graph.catalog.LayerType;
import dev.netloom.graph.catalog.PortSpec;
import dev.netloom.graph.catalog.WeightUse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Joins two to four tensors of the same kind along their feature axis: channels for images,
 * the last dimension for sequences and vectors. Every other dimension must match.
 */
public final class Concat extends LayerSpec {

    private static final List<String> PORTS = List.of("a", "b", "c", "d");

    public Concat() {
        super(LayerType.CONCAT, Category.CORE, LayerTraits.computing(WeightUse.NONE),
                "Puts the features of two to four inputs side by side.",
                List.of(),
                List.of(PortSpec.input("a", "first input", TensorKind.IMAGE, TensorKind.SEQUENCE, TensorKind.VECTOR),
                        PortSpec.input("b", "second input", TensorKind.IMAGE, TensorKind.SEQUENCE, TensorKind.VECTOR),
                        PortSpec.optionalInput("c", "third input", TensorKind.IMAGE, TensorKind.SEQUENCE,
                                TensorKind.VECTOR),
                        PortSpec.optionalInput("d", "fourth input", TensorKind.IMAGE, TensorKind.SEQUENCE,
                                TensorKind.VECTOR),
                        PortSpec.output("out", "features side by side", TensorKind.IMAGE, TensorKind.SEQUENCE,
                                TensorKind.VECTOR)));
    }

    /** The axis features are joined along: channels (0) for images, else the last. */
    public static int featureAxis(TensorType t) {
        return t.kind() == TensorKind.IMAGE ? 0 : t.rank() - 1;
    }

    @Override
    protected Map<String, TensorType> outputs(LayerContext ctx) {
        TensorType first = ctx.input("a").orElseThrow();
        int axis = featureAxis(first);
        long joined = 0;
        for (String port : PORTS) {
            TensorType t = ctx.input(port).orElse(null);
            if (t == null) {
                continue;
            }
            if (t.kind() != first.kind()) {
                throw ctx.fail(port, "expected " + first.kind().withArticle() + " like input a, got " + t.describe());
            }
            for (int i = 0; i < t.rank(); i++) {
                if (i != axis && t.dim(i) != first.dim(i)) {
                    throw ctx.fail(port, "expected every dimension but the feature axis to match input a " + first
                            + ", got " + t);
                }
            }
            joined += t.dim(axis);
        }
        List<Integer> dims = new ArrayList<>(first.dims());
        dims.set(axis, dimension(joined));
        return Map.of("out", TensorType.floats(dims));
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
