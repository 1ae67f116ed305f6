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
 * Takes one token of a sequence: [T, D] -> [D]. Index 0 is the first token (a class token), and a
 * negative index counts from the end (-1 is the last token, what a causal model reads).
 */
public final class TakeToken extends LayerSpec {

    /** The largest index either way. */
    public static final int MAX_INDEX = 65536;

    public TakeToken() {
        super(LayerType.TAKE_TOKEN, Category.ATTENTION_FUSION, LayerTraits.computing(WeightUse.NONE),
                "Keeps one token of the sequence, such as the class token in front or the last one.",
                List.of(ParamSpec.integer("index", 0, -MAX_INDEX, MAX_INDEX, "Which token: 0 is the first, "
                        + "-1 the last.")),
                List.of(PortSpec.input("in", "a sequence [T, D]", TensorKind.SEQUENCE),
                        PortSpec.output("out", "one token's vector [D]", TensorKind.VECTOR)));
    }

    /** The index from the front (0..length-1) of a node's {@code index} in a sequence of {@code length}. */
    public static int fromFront(int index, int length) {
        return index < 0 ? length + index : index;
    }

    @Override
    protected Map<String, TensorType> outputs(LayerContext ctx) {
        TensorType in = ctx.in();
        int index = ctx.intParam("index");
        int length = in.dim(0);
        int position = fromFront(index, length);
        if (position < 0 || position >= length) {
            throw ctx.fail("in", "token " + index + " is outside a sequence of " + length + " tokens; use 0.."
                    + (length - 1) + ", or -" + length + "..-1 to count from the end");
        }
        return Map.of("out", TensorType.floats(in.dim(1)));
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
