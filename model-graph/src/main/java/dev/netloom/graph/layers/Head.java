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
 * A model's answer: a linear layer from a feature vector to class scores ({@link #classification()})
 * or to numbers ({@link #regression()}). Every graph ends in at least one head; the training
 * engine picks the loss from the head's type.
 */
public final class Head extends LayerSpec {

    private final String sizeParam;

    private Head(LayerType type, String description, ParamSpec size, String outputDescription) {
        super(type, Category.HEADS, LayerTraits.computing(WeightUse.MATRIX_PRODUCT), description, List.of(size),
                List.of(PortSpec.input("in", "a feature vector", TensorKind.VECTOR),
                        PortSpec.output("out", outputDescription, TensorKind.VECTOR)));
        this.sizeParam = size.name();
    }

    /** Classification: scores for each class, trained with cross-entropy. */
    public static Head classification() {
        return new Head(LayerType.CLASSIFICATION, "The answer: which of a fixed set of classes the input belongs to.",
                ParamSpec.integer("classes", 10, 2, 100_000, "How many classes (possible answers) there are."),
                "a score per class");
    }

    /** Regression: real-valued outputs, trained with mean squared error. */
    public static Head regression() {
        return new Head(LayerType.REGRESSION, "The answer: one or more numbers, such as a price or a temperature.",
                ParamSpec.integer("outputs", 1, 1, 4096, "How many numbers the model predicts."),
                "the predicted numbers");
    }

    @Override
    protected Map<String, TensorType> outputs(LayerContext ctx) {
        return Map.of("out", TensorType.floats(ctx.intParam(sizeParam)));
    }

    @Override
    protected long parameters(LayerContext ctx) {
        long n = ctx.intParam(sizeParam);
        return product(ctx.in().dim(0), n) + n;
    }

    @Override
    protected long multiplyAdds(LayerContext ctx) {
        return product(ctx.in().dim(0), ctx.intParam(sizeParam));
    }
}
