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

/** Adds a position signal to each element of a sequence, learned (one vector per position) or sinusoidal (fixed). */
public final class PositionalEmbedding extends LayerSpec {

    public PositionalEmbedding() {
        super(LayerType.POSITIONAL_EMBEDDING, Category.ATTENTION_FUSION, LayerTraits.computing(WeightUse.ELEMENTWISE),
                "Tells the model where each token sits in the "
                        + "sequence, since attention alone ignores order.",
                List.of(ParamSpec.choice("mode", "learned", List.of("learned", "sinusoidal"), "Learned positions "
                        + "adapt to the data; sinusoidal ones are fixed and add no weights.")),
                List.of(PortSpec.input("in", "a sequence", TensorKind.SEQUENCE),
                        PortSpec.output("out", "the same sequence with positions", TensorKind.SEQUENCE)));
    }

    @Override
    protected Map<String, TensorType> outputs(LayerContext ctx) {
        return Map.of("out", ctx.in());
    }

    @Override
    protected long parameters(LayerContext ctx) {
        return ctx.choiceParam("mode").equals("learned") ? ctx.in().elements() : 0;
    }

    @Override
    protected long multiplyAdds(LayerContext ctx) {
        return 0;
    }

    /**
     * The fixed positions of Vaswani et al. 2017, [length, width] row major: sin on even features,
     * cos on odd ones. The one definition the training engine and the ONNX writer both use, so a
     * model trained with them exports the same table.
     */
    public static float[] sinusoids(int length, int width) {
        float[] table = new float[length * width];
        for (int pos = 0; pos < length; pos++) {
            for (int i = 0; i < width; i++) {
                double angle = pos / Math.pow(10000, (2 * (i / 2)) / (double) width);
                table[pos * width + i] = (float) (i % 2 == 0 ? Math.sin(angle) : Math.cos(angle));
            }
        }
        return table;
    }
}
