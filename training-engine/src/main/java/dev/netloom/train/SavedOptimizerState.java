package dev.netloom.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import dev.netloom.graph.artifact.Tensor;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * An optimiser's state as a checkpoint file holds it: moments and update counts keyed by weight
 * name, in plain arrays. The engine keys them by parameter ids, which are new in every process;
 * weight names are what a checkpoint and a resumed run share. Made and put back only through
 * {@link RestorableOptimizer#snapshot} and {@link RestorableOptimizer#restore}.
 *
 * @param optimizer the optimiser's word in the training section ({@code adam}, {@code adamw}, {@code sgd})
 * @param first first moments (Adam, AdamW) or momentum buffers (SGD) by weight name
 * @param second second moments (Adam, AdamW) by weight name
 * @param counts update count by weight name
 * @param numUpdate the shared update count
 */
record SavedOptimizerState(String optimizer, Map<String, Tensor> first, Map<String, Tensor> second,
                           Map<String, Integer> counts, int numUpdate) {

    SavedOptimizerState {
        first = Map.copyOf(first);
        second = Map.copyOf(second);
        counts = new TreeMap<>(counts);
    }

    /** Copies an optimiser's state out of the engine. */
    static SavedOptimizerState of(String optimizer, RestorableOptimizer live, Map<String, Parameter> weightsByName,
                                  NDManager scratch) {
        Map<String, String> nameOfId = new HashMap<>();
        weightsByName.forEach((name, p) -> nameOfId.put(p.getId(), name));
        try (NDManager manager = scratch.newSubManager()) {
            RestorableOptimizer.State state = live.snapshot(manager);
            return new SavedOptimizerState(optimizer, tensors(state.first(), nameOfId), tensors(state.second(), nameOfId),
                    byName(state.counts(), nameOfId), state.numUpdate());
        }
    }

    /**
     * Puts this state into a run's optimiser, in arrays owned by {@code manager} (which must live
     * as long as the training does). Weights the state does not name start their moments afresh.
     */
    void restoreInto(RestorableOptimizer live, Map<String, Parameter> weightsByName, NDManager manager) {
        Map<String, NDArray> firstById = new LinkedHashMap<>();
        Map<String, NDArray> secondById = new LinkedHashMap<>();
        Map<String, Integer> countsById = new HashMap<>();
        weightsByName.forEach((name, p) -> {
            put(first.get(name), p, manager, firstById);
            put(second.get(name), p, manager, secondById);
            Integer c = counts.get(name);
            if (c != null) {
                countsById.put(p.getId(), c);
            }
        });
        live.restore(new RestorableOptimizer.State(firstById, secondById, countsById, numUpdate));
    }

    private static void put(Tensor saved, Parameter p, NDManager manager, Map<String, NDArray> into) {
        if (saved == null) {
            return;
        }
        Shape shape = p.getArray().getShape();
        if (!java.util.Arrays.equals(saved.shape(), shape.getShape())) {
            throw new IllegalArgumentException("the checkpoint's optimiser state for " + p.getName() + " has shape "
                    + java.util.Arrays.toString(saved.shape()) + ", the weight has " + shape);
        }
        into.put(p.getId(), manager.create(saved.floats(), shape));
    }

    private static Map<String, Tensor> tensors(Map<String, NDArray> byId, Map<String, String> nameOfId) {
        Map<String, Tensor> out = new TreeMap<>();
        byId.forEach((id, array) -> {
            String name = nameOfId.get(id);
            if (name != null) {
                out.put(name, Tensor.of(array.toFloatArray(), array.getShape().getShape()));
            }
        });
        return out;
    }

    private static Map<String, Integer> byName(Map<String, Integer> byId, Map<String, String> nameOfId) {
        Map<String, Integer> out = new TreeMap<>();
        byId.forEach((id, count) -> {
            String name = nameOfId.get(id);
            if (name != null) {
                out.put(name, count);
            }
        });
        return out;
    }
}
