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

import java.util.List;
import java.util.Map;

/** Text entering the model as a fixed-length sequence of token ids. */
public final class TokensInput extends LayerSpec {

    public TokensInput() {
        super(LayerType.TOKENS, Category.INPUTS, LayerTraits.FREE,
                "Text fed to the model, split into word pieces (tokens) and padded or cut "
                        + "to a fixed length.",
                List.of(
                        ParamSpec.integer("length", 32, 1, 8192, "How many tokens of each text the model reads."),
                        ParamSpec.integer("vocabulary", 1000, 2, 1_000_000, "How many different tokens the "
                                + "tokenizer knows, including padding and unknown.")),
                List.of(PortSpec.output("out", "token ids", TensorKind.TOKENS)));
    }

    @Override
    protected Map<String, TensorType> outputs(LayerContext ctx) {
        return Map.of("out", TensorType.tokens(ctx.intParam("length"), ctx.intParam("vocabulary")));
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
