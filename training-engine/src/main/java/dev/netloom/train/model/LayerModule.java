package dev.netloom.train.model;

import ai.djl.ndarray.NDArray;

import java.util.List;

/**
 * How one catalog layer computes, for one node: the weights it owns and its forward pass on a
 * batch (batch first: [N, ...], images channels first). Modules are made per node by
 * {@link LayerModules}, from the node's analysed shapes and parameters; they hold no arrays,
 * so one module serves training, evaluation and export parity checks alike.
 */
public interface LayerModule {

    /** The weights this node owns; none for layers such as Add or Flatten. */
    default List<WeightSpec> weights() {
        return List.of();
    }

    /** The node's output for a batch. */
    NDArray forward(LayerCall call);

    /** A module from its weights and a forward function, for layers that need no class of their own. */
    static LayerModule of(List<WeightSpec> weights, java.util.function.Function<LayerCall, NDArray> forward) {
        List<WeightSpec> copy = List.copyOf(weights);
        return new LayerModule() {
            @Override
            public List<WeightSpec> weights() {
                return copy;
            }

            @Override
            public NDArray forward(LayerCall call) {
                return forward.apply(call);
            }
        };
    }
}
