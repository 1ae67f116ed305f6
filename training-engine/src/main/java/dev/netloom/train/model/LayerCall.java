package dev.netloom.train.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import java.util.Map;
import java.util.Optional;

/**
 * What a {@link LayerModule} sees during one forward pass: the arrays at its input ports, its
 * weights by local name, whether the model is training, and the pass's {@link ForwardContext}.
 */
public final class LayerCall {

    private final String nodeId;
    private final Map<String, NDArray> inputs;
    private final Map<String, NDArray> weights;
    private final boolean training;
    private final ForwardContext context;

    LayerCall(String nodeId, Map<String, NDArray> inputs, Map<String, NDArray> weights, boolean training,
              ForwardContext context) {
        this.nodeId = nodeId;
        this.inputs = inputs;
        this.weights = weights;
        this.training = training;
        this.context = context;
    }

    public String nodeId() {
        return nodeId;
    }

    /** The array at input port {@code "in"}. */
    public NDArray in() {
        return input("in");
    }

    public NDArray input(String port) {
        NDArray a = inputs.get(port);
        if (a == null) {
            throw new IllegalStateException(nodeId + ": input " + port + " is not connected");
        }
        return a;
    }

    public Optional<NDArray> optionalInput(String port) {
        return Optional.ofNullable(inputs.get(port));
    }

    public NDArray weight(String name) {
        NDArray w = weights.get(name);
        if (w == null) {
            throw new IllegalStateException(nodeId + " has no weight " + name);
        }
        return w;
    }

    public boolean training() {
        return training;
    }

    public ForwardContext context() {
        return context;
    }

    /** The manager the batch's arrays belong to, for constants made during the pass. */
    public NDManager manager() {
        return in().getManager();
    }
}
