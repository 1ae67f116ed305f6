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
import java.util.Set;

/**
 * An element-wise non-linearity; Softmax works over the last dimension. The formulas are
 * PyTorch's: Hardsigmoid is {@code relu6(x + 3) / 6}, Hardswish {@code x · relu6(x + 3) / 6}
 * (MobileNetV3), LeakyReLU {@code x} for positive values and {@code slope · x} otherwise.
 */
public final class Activation extends LayerSpec {

    /** The functions offered, in the order the property sheet lists them. */
    public static final List<String> FUNCTIONS = List.of("ReLU", "ReLU6", "LeakyReLU", "GELU", "SiLU", "Hardswish",
            "Sigmoid", "Hardsigmoid", "Tanh", "Softmax");

    /**
     * The functions a runtime runs inside the loop of the convolution or dense layer before it
     * (ONNX Runtime's Conv+activation fusion, ncnn, LiteRT, Core ML): one simple step per value.
     * GELU, SiLU and Hardswish are several operators (ONNX Runtime's fused convolution takes Relu,
     * Clip, LeakyRelu, Sigmoid, HardSigmoid and Tanh, not HardSwish), Softmax needs the whole row.
     */
    private static final Set<String> FUSABLE_FUNCTIONS = Set.of("ReLU", "ReLU6", "LeakyReLU", "Sigmoid", "Hardsigmoid",
            "Tanh");

    public Activation() {
        super(LayerType.ACTIVATION, Category.CORE, LayerTraits.computing(WeightUse.NONE).foldingIntoProducer(),
                "Bends values with a fixed curve so the model can learn non-linear patterns.",
                List.of(ParamSpec.choice("function", "ReLU", FUNCTIONS, "The curve: ReLU is the usual choice; "
                                + "GELU suits transformers; Hardswish is MobileNetV3's cheap curve; Softmax turns "
                                + "scores into probabilities."),
                        ParamSpec.real("slope", 0.01, 0, 1, "LeakyReLU only: how much of a negative value is let "
                                + "through (0.01 lets 1% through).")),
                List.of(PortSpec.input("in", "any features", TensorKind.VECTOR, TensorKind.SEQUENCE, TensorKind.IMAGE,
                                TensorKind.OTHER),
                        PortSpec.output("out", "the same shape", TensorKind.VECTOR, TensorKind.SEQUENCE,
                                TensorKind.IMAGE, TensorKind.OTHER)));
    }

    @Override
    protected boolean fusableWith(Map<String, Object> params) {
        return FUSABLE_FUNCTIONS.contains(String.valueOf(params.get("function")));
    }

    @Override
    protected Map<String, TensorType> outputs(LayerContext ctx) {
        return Map.of("out", ctx.in());
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
