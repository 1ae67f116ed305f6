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

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Rearranges an example's values into another shape with the same number of values. */
public final class Reshape extends LayerSpec {

    public Reshape() {
        super(LayerType.RESHAPE, Category.CORE, LayerTraits.FREE,
                "Rearranges the values into another shape without changing them.",
                List.of(ParamSpec.intList("shape", List.of(-1), -1, 1 << 24, "The new shape without the batch; "
                        + "one entry may be -1 to mean \"whatever is left\".")),
                List.of(PortSpec.input("in", "any float tensor", TensorKind.IMAGE, TensorKind.SEQUENCE,
                                TensorKind.VECTOR, TensorKind.OTHER),
                        PortSpec.output("out", "the new shape", TensorKind.IMAGE, TensorKind.SEQUENCE,
                                TensorKind.VECTOR, TensorKind.OTHER)));
    }

    @Override
    protected Map<String, TensorType> outputs(LayerContext ctx) {
        List<Integer> shape = ctx.intListParam("shape");
        if (shape.isEmpty()) {
            throw ctx.fail(null, "shape is empty; give at least one dimension");
        }
        long known = 1;
        int wildcard = -1;
        for (int i = 0; i < shape.size(); i++) {
            int d = shape.get(i);
            if (d == -1) {
                if (wildcard >= 0) {
                    throw ctx.fail(null, "shape " + shape + " has more than one -1");
                }
                wildcard = i;
            } else if (d == 0) {
                throw ctx.fail(null, "shape " + shape + " has a 0; every dimension must be positive");
            } else {
                known = product(known, d);
            }
        }
        long total = ctx.in().elements();
        List<Integer> dims = new ArrayList<>(shape);
        if (wildcard >= 0) {
            if (total % known != 0) {
                throw ctx.fail("in", "cannot reshape " + total + " values to " + shape
                        + ": " + total + " is not a multiple of " + known);
            }
            dims.set(wildcard, dimension(total / known));
        } else if (known != total) {
            throw ctx.fail("in", "cannot reshape " + ctx.in() + " (" + total + " values) to " + shape
                    + " (" + known + " values)");
        }
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
