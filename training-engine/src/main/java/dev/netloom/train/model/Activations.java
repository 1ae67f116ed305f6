package dev.netloom.train.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/** The catalog's activation functions by name, as the Activation layer and MLPs inside blocks use them. */
final class Activations {

    private Activations() {
    }

    static NDArray apply(String function, NDArray x) {
        return switch (function) {
            case "ReLU" -> Activation.relu(x);
            // ReLU6 and SiLU without DJL's relu6/swish, which pass a Java number to the engine: see Scalars.
            case "ReLU6" -> Scalars.atMost(Activation.relu(x), 6f);
            case "GELU" -> Activation.gelu(x);
            case "SiLU" -> x.mul(Activation.sigmoid(x)); // swish(x, 1) = x · σ(1 · x), the same bits
            case "Sigmoid" -> Activation.sigmoid(x);
            case "Tanh" -> Activation.tanh(x);
            case "Softmax" -> x.softmax(-1);
            default -> throw new IllegalArgumentException("unknown activation " + function);
        };
    }
}
