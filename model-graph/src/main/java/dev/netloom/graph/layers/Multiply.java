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
 * Multiplies two tensors value by value, with broadcasting: both have the same rank and each
 * dimension is equal or 1 in one of them, so a feature map [C, H, W] times a gate [C, 1, 1]
 * scales every channel (Squeeze-and-Excitation drawn by hand). The rank must match because the
 * batch leads every array: NumPy's rule of aligning the last dimensions would pair a [C] vector
 * with the width.
 */
public final class Multiply extends LayerSpec {

    public Multiply() {
        super(LayerType.MULTIPLY, Category.CORE, LayerTraits.computing(WeightUse.NONE),
                "Multiplies two inputs value by value; a size of 1 in one input is repeated, so a "
                        + "[C, 1, 1] gate scales each channel of a picture.",
                List.of(),
                List.of(PortSpec.input("a", "first input", TensorKind.IMAGE, TensorKind.SEQUENCE, TensorKind.VECTOR,
                                TensorKind.OTHER),
                        PortSpec.input("b", "second input, same rank; sizes equal or 1", TensorKind.IMAGE,
                                TensorKind.SEQUENCE, TensorKind.VECTOR, TensorKind.OTHER),
                        PortSpec.output("out", "the product", TensorKind.IMAGE, TensorKind.SEQUENCE, TensorKind.VECTOR,
                                TensorKind.OTHER)));
    }

    @Override
    protected Map<String, TensorType> outputs(LayerContext ctx) {
        TensorType a = ctx.input("a").orElseThrow();
        TensorType b = ctx.input("b").orElseThrow();
        if (a.rank() != b.rank()) {
            throw ctx.fail("b", "expected " + a.rank() + " dimensions like input a " + a + ", got " + b
                    + "; reshape one (a [C] gate on a picture becomes [C, 1, 1])");
        }
        List<Integer> dims = new ArrayList<>(a.rank());
        for (int i = 0; i < a.rank(); i++) {
            int x = a.dim(i);
            int y = b.dim(i);
            if (x != y && x != 1 && y != 1) {
                throw ctx.fail("b", "cannot multiply " + a + " by " + b + ": sizes " + x + " and " + y
                        + " differ and neither is 1");
            }
            dims.add(Math.max(x, y));
        }
        return Map.of("out", TensorType.floats(dims));
    }

    @Override
    protected long parameters(LayerContext ctx) {
        return 0;
    }

    @Override
    protected long multiplyAdds(LayerContext ctx) {
        return 0; // element-wise, not a product (the convention of published tables)
    }
}
