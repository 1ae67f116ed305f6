package dev.netloom.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.ParameterTracker;

import java.util.HashMap;
import java.util.Map;

/**
 * SGD with momentum, Adam and AdamW whose state (moments and update counts) can be copied and
 * put back, so that a run that diverges rolls back its optimiser together with its weights.
 *
 * <p>Why our own class: DJL 0.36 keeps an optimiser's moments in private fields. The updates
 * here are DJL's own, step for step — the same native {@code adamUpdate} / {@code sgdUpdate}
 * calls with the same arguments, and DJL's rule for the update count (one shared count, the
 * highest of any parameter's) — so training gives the numbers DJL's optimisers give.
 */
final class RestorableOptimizer extends Optimizer {

    /** The update rule. */
    enum Kind { SGD, ADAM, ADAMW }

    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPSILON = 1e-8f;

    private final Kind kind;
    private final ParameterTracker rate;
    private final float momentum;
    private final Map<String, Integer> counts = new HashMap<>();
    private int numUpdate;
    /** Per parameter id: the first moment (Adam/AdamW) or the momentum buffer (SGD). */
    private final Map<String, NDArray> first = new HashMap<>();
    /** Per parameter id: the second moment (Adam/AdamW). */
    private final Map<String, NDArray> second = new HashMap<>();

    RestorableOptimizer(Kind kind, ParameterTracker rate, float momentum, float weightDecay) {
        super(new Builder().optWeightDecays(weightDecay));
        this.kind = kind;
        this.rate = rate;
        this.momentum = momentum;
    }

    @Override
    public synchronized void update(String parameterId, NDArray weight, NDArray grad) {
        int t = count(parameterId);
        float lr = rate.getNewValue(parameterId, t);
        float wd = getWeightDecay();
        if (kind == Kind.SGD) {
            NDList inputs = momentum != 0
                    ? new NDList(weight, grad, first.computeIfAbsent(parameterId, k -> weight.zerosLike()))
                    : new NDList(weight, grad);
            weight.getNDArrayInternal().sgdUpdate(inputs, new NDList(weight), lr, wd, rescaleGrad, clipGrad, momentum,
                    true);
            return;
        }
        double biasFirst = 1 - Math.pow(BETA1, t);
        double biasSecond = 1 - Math.pow(BETA2, t);
        float corrected = (float) (lr * Math.sqrt(biasSecond) / biasFirst);
        float checked = kind == Kind.ADAM ? corrected : lr;
        if (!Float.isFinite(checked) || !Float.isFinite(wd)) {
            throw new IllegalArgumentException("learning rate or weight decay is nan or infinite");
        }
        NDList inputs = new NDList(weight, grad, first.computeIfAbsent(parameterId, k -> weight.zerosLike()),
                second.computeIfAbsent(parameterId, k -> weight.zerosLike()));
        weight.getNDArrayInternal().adamUpdate(inputs, new NDList(weight), lr, corrected, wd, rescaleGrad, clipGrad,
                BETA1, BETA2, EPSILON, true, kind == Kind.ADAMW);
    }

    /** DJL's rule: a parameter's own count goes up by one; the count used is the highest so far. */
    private int count(String parameterId) {
        int own = counts.merge(parameterId, 1, Integer::sum);
        numUpdate = Math.max(numUpdate, own);
        return numUpdate;
    }

    /** A copy of the state, in arrays owned by {@code manager} (close it to free the copy). */
    synchronized State snapshot(NDManager manager) {
        return new State(copy(first, manager), copy(second, manager), Map.copyOf(counts), numUpdate);
    }

    /**
     * Puts a snapshot's state back: moments written in place, counts as they were. A parameter
     * with no state here yet (a fresh optimiser) takes a copy owned by the snapshot's manager.
     */
    synchronized void restore(State state) {
        put(first, state.first());
        put(second, state.second());
        counts.clear();
        counts.putAll(state.counts());
        numUpdate = state.numUpdate();
    }

    private static Map<String, NDArray> copy(Map<String, NDArray> live, NDManager manager) {
        Map<String, NDArray> out = new HashMap<>();
        live.forEach((id, array) -> {
            NDArray c = array.duplicate();
            c.attach(manager);
            out.put(id, c);
        });
        return out;
    }

    private static void put(Map<String, NDArray> live, Map<String, NDArray> saved) {
        // State made after the snapshot (a parameter first updated later) starts again from zero.
        live.entrySet().removeIf(e -> {
            if (saved.containsKey(e.getKey())) {
                return false;
            }
            e.getValue().close();
            return true;
        });
        // State for a parameter this optimiser has not updated yet (a run resumed from a checkpoint
        // file) is adopted as a copy owned by the saved arrays' manager, which must outlive the run.
        saved.forEach((id, array) -> {
            NDArray here = live.get(id);
            if (here == null) {
                live.put(id, array.duplicate());
            } else {
                array.copyTo(here);
            }
        });
    }

    /**
     * A copy of an optimiser's state.
     *
     * @param first first moments or momentum buffers by parameter id
     * @param second second moments by parameter id
     * @param counts update count per parameter id
     * @param numUpdate the shared update count
     */
    record State(Map<String, NDArray> first, Map<String, NDArray> second, Map<String, Integer> counts, int numUpdate) {
    }

    private static final class Builder extends OptimizerBuilder<Builder> {
        @Override
        protected Builder self() {
            return this;
        }
    }
}
