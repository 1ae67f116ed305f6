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

/** A fully connected layer on the last dimension: [.., D] -> [.., units]. */
public final class Dense extends LayerSpec {

    public Dense() {
        super(LayerType.DENSE, Category.CORE, LayerTraits.computing(WeightUse.MATRIX_PRODUCT).takingInFollowers(),
                "Mixes every input number into each output number with learned weights.",
                List.of(
                        ParamSpec.integer("units", 128, 1, 65536, "How many numbers this layer outputs."),
                        ParamSpec.bool("bias", true, "Whether each output also gets a learned offset.")),
                List.of(PortSpec.input("in", "features", TensorKind.VECTOR, TensorKind.SEQUENCE),
                        PortSpec.output("out", "features", TensorKind.VECTOR, TensorKind.SEQUENCE)));
    }

    @Override
    protected Map<String, TensorType> outputs(LayerContext ctx) {
        List<Integer> dims = new ArrayList<>(ctx.in().dims());
        dims.set(dims.size() - 1, ctx.intParam("units"));
        return Map.of("out", TensorType.floats(dims));
    }

    @Override
    protected long parameters(LayerContext ctx) {
        long units = ctx.intParam("units");
        return product(ctx.in().dim(-1), units) + (ctx.boolParam("bias") ? units : 0);
    }

    @Override
    protected long multiplyAdds(LayerContext ctx) {
        TensorType in = ctx.in();
        long positions = in.elements() / in.dim(-1);
        return product(positions, in.dim(-1), ctx.intParam("units"));
    }
}
