package dev.netloom.train;

import ai.djl.ndarray.NDManager;
import dev.netloom.graph.artifact.Tensor;

import java.util.Map;

/**
 * The last good weights and optimiser state of a run, kept in memory so that a run whose loss
 * diverges can go back to them. The weights are plain copies (as a checkpoint holds them); the
 * optimiser's moments are copied array to array in the engine.
 */
final class Rollback implements AutoCloseable {

    private final TrainedModel model;
    private final RestorableOptimizer optimizer;
    private final NDManager parent;
    private NDManager held;
    private Map<String, Tensor> weights;
    private RestorableOptimizer.State state;
    private int step;

    Rollback(TrainedModel model, RestorableOptimizer optimizer, NDManager parent) {
        this.model = model;
        this.optimizer = optimizer;
        this.parent = parent;
    }

    /**
     * Keeps the model's weights and the optimiser's state as they are after {@code step}, unless
     * a weight is NaN or infinite (then the previous copy stays).
     *
     * @return false when the weights were not all finite
     */
    boolean save(int step) {
        Map<String, Tensor> now = model.weights();
        for (Tensor t : now.values()) {
            if (t.floats() == null) {
                continue;
            }
            for (float v : t.floats()) {
                if (!Float.isFinite(v)) {
                    return false;
                }
            }
        }
        NDManager manager = parent.newSubManager();
        RestorableOptimizer.State copy = optimizer.snapshot(manager);
        if (held != null) {
            held.close();
        }
        held = manager;
        weights = now;
        state = copy;
        this.step = step;
        return true;
    }

    /** Puts the kept weights and optimiser state back; returns the step they were saved after. */
    int restore() {
        if (weights == null) {
            throw new IllegalStateException("nothing saved to roll back to");
        }
        model.setWeights(weights);
        optimizer.restore(state);
        return step;
    }

    @Override
    public void close() {
        if (held != null) {
            held.close();
            held = null;
        }
    }
}
