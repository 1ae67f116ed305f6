package dev.netloom.train.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.Initializer;

/**
 * A weight tensor a layer owns: its local name (the artifact names it {@code nodeId.name}),
 * shape, kind and how it starts. Initial values follow PyTorch's defaults, so a model trained
 * here and the same model in PyTorch start alike.
 *
 * @param name local name, for example {@code "weight"} or {@code "query.bias"}
 * @param shape the tensor's shape
 * @param type what DJL treats it as; running statistics take no gradient
 * @param initializer how it starts
 */
public record WeightSpec(String name, Shape shape, Parameter.Type type, Initializer initializer) {

    /** A weight drawn from U(−1/√fanIn, 1/√fanIn), PyTorch's default for Linear and Conv2d. */
    public static WeightSpec weight(String name, long fanIn, long... shape) {
        return new WeightSpec(name, new Shape(shape), Parameter.Type.WEIGHT, uniform(fanIn));
    }

    /** A bias drawn like PyTorch's: U(−1/√fanIn, 1/√fanIn). */
    public static WeightSpec bias(String name, long fanIn, long size) {
        return new WeightSpec(name, new Shape(size), Parameter.Type.BIAS, uniform(fanIn));
    }

    /** A normalisation scale, starting at one. */
    public static WeightSpec gamma(String name, long size) {
        return new WeightSpec(name, new Shape(size), Parameter.Type.GAMMA, Initializer.ONES);
    }

    /** A normalisation shift, starting at zero. */
    public static WeightSpec beta(String name, long size) {
        return new WeightSpec(name, new Shape(size), Parameter.Type.BETA, Initializer.ZEROS);
    }

    public static WeightSpec runningMean(String name, long size) {
        return new WeightSpec(name, new Shape(size), Parameter.Type.RUNNING_MEAN, Initializer.ZEROS);
    }

    public static WeightSpec runningVariance(String name, long size) {
        return new WeightSpec(name, new Shape(size), Parameter.Type.RUNNING_VAR, Initializer.ONES);
    }

    /** A table drawn from N(0, std²): embeddings use std 1 (PyTorch), learned positions 0.02 (ViT, BERT). */
    public static WeightSpec normal(String name, float std, long... shape) {
        return new WeightSpec(name, new Shape(shape), Parameter.Type.WEIGHT,
                (manager, s, dataType) -> manager.randomNormal(0f, std, s, dataType));
    }

    /** Whether training updates it. */
    public boolean trainable() {
        return type != Parameter.Type.RUNNING_MEAN && type != Parameter.Type.RUNNING_VAR;
    }

    private static Initializer uniform(long fanIn) {
        float bound = (float) (1.0 / Math.sqrt(Math.max(1, fanIn)));
        return (manager, s, dataType) -> manager.randomUniform(-bound, bound, s, dataType);
    }
}
