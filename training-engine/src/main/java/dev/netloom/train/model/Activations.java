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
            case "ReLU6" -> Activation.relu6(x);
            case "GELU" -> Activation.gelu(x);
            case "SiLU" -> Activation.swish(x, 1f);
            case "Sigmoid" -> Activation.sigmoid(x);
            case "Tanh" -> Activation.tanh(x);
            case "Softmax" -> x.softmax(-1);
            default -> throw new IllegalArgumentException("unknown activation " + function);
        };
    }
}
