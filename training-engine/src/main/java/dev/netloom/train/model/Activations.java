package dev.netloom.train.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/**
 * The catalog's activation functions by name, as the Activation layer and MLPs inside blocks use
 * them, with PyTorch's formulas (Hardsigmoid is {@code relu6(x + 3) / 6}, Hardswish
 * {@code x · relu6(x + 3) / 6}), so the gradients are PyTorch's too.
 */
final class Activations {

    /** LeakyReLU's slope where a layer has none of its own (PyTorch's default). */
    static final float DEFAULT_SLOPE = 0.01f;

    private Activations() {
    }

    static NDArray apply(String function, NDArray x) {
        return apply(function, DEFAULT_SLOPE, x);
    }

    /** @param slope LeakyReLU's slope for negative values; the other functions ignore it */
    static NDArray apply(String function, float slope, NDArray x) {
        return switch (function) {
            case "ReLU" -> Activation.relu(x);
            // ReLU6 and SiLU without DJL's relu6/swish, which pass a Java number to the engine: see Scalars.
            case "ReLU6" -> Scalars.atMost(Activation.relu(x), 6f);
            case "LeakyReLU" -> Activation.leakyRelu(x, slope);
            case "GELU" -> Activation.gelu(x);
            case "SiLU" -> x.mul(Activation.sigmoid(x)); // swish(x, 1) = x · σ(1 · x), the same bits
            case "Hardswish" -> x.mul(hardSigmoid(x));
            case "Sigmoid" -> Activation.sigmoid(x);
            case "Hardsigmoid" -> hardSigmoid(x);
            case "Tanh" -> Activation.tanh(x);
            case "Softmax" -> x.softmax(-1);
            default -> throw new IllegalArgumentException("unknown activation " + function);
        };
    }

    /** relu6(x + 3) / 6: 0 below -3, 1 above 3, a straight line between. */
    static NDArray hardSigmoid(NDArray x) {
        // Through Scalars, not DJL's relu6 and div(6f), which leave autograd a constant the GC may free.
        return Scalars.dividedBy(Scalars.atMost(Activation.relu(x.add(3f)), 6f), 6f);
    }
}
