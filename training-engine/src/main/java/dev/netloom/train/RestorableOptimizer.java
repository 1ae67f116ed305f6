package dev.netloom.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.ParameterTracker;

import java.util.HashMap;
import java.util.Map;

/**
 * SGD with momentum, Adam and AdamW whose state (moments and update counts) can be copied and
 * put back, so that a run that diverges rolls back its optimiser together with its weights.
 *
 * <p>Why our own class: DJL 0.36 keeps an optimiser's moments in private fields. SGD is DJL's
 * own update, bit for bit (the same native {@code sgdUpdate} call). Adam and AdamW are
 * PyTorch's, through libtorch's fused kernel over all weights at once ({@link FusedAdam}): DJL's
 * per-weight {@code adamUpdate} made five temporary arrays per weight and was the slowest part of
 * a small model's step. Update counts follow DJL's rule (one shared count, the highest of any
 * parameter's).
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
    /** Adam's and AdamW's fused native step, compiled at the first update. */
    private FusedAdam fused;

    RestorableOptimizer(Kind kind, ParameterTracker rate, float momentum, float weightDecay) {
        super(new Builder().optWeightDecays(weightDecay));
        this.kind = kind;
        this.rate = rate;
        this.momentum = momentum;
    }

    @Override
    public synchronized void update(String parameterId, NDArray weight, NDArray grad) {
        updateAll(java.util.List.of(parameterId), java.util.List.of(weight), java.util.List.of(grad));
    }

    /**
     * One step over every trainable weight of a model, from the gradients backward left on them;
     * the gradients are zeroed. Adam and AdamW run as one fused native call for all the weights.
     */
    synchronized void step(java.util.List<Parameter> trainable) {
        java.util.List<String> ids = new java.util.ArrayList<>(trainable.size());
        java.util.List<NDArray> weights = new java.util.ArrayList<>(trainable.size());
        java.util.List<NDArray> gradients = new java.util.ArrayList<>(trainable.size());
        try {
            for (Parameter p : trainable) {
                NDArray w = p.getArray();
                NDArray g = w.getGradient();
                if (g == null) {
                    continue; // not reached by backward yet (an expert no token has been routed to): nothing to do
                }
                ids.add(p.getId());
                weights.add(w);
                gradients.add(g);
            }
            updateAll(ids, weights, gradients);
        } finally {
            gradients.forEach(NDArray::close); // the handles only: the gradients stay on their weights
        }
    }

    private void updateAll(java.util.List<String> ids, java.util.List<NDArray> weights, java.util.List<NDArray> grads) {
        if (ids.isEmpty()) {
            return;
        }
        int t = 0;
        for (String id : ids) {
            t = count(id);
        }
        float lr = rate.getNewValue(ids.get(0), t);
        float wd = getWeightDecay();
        if (kind != Kind.SGD && !StepLevers.FUSED_ADAM.on()) {
            djlAdam(ids, weights, grads, t, lr, wd);
            return;
        }
        if (kind == Kind.SGD) {
            for (int i = 0; i < ids.size(); i++) {
                NDArray weight = weights.get(i);
                NDList inputs = momentum != 0
                        ? new NDList(weight, grads.get(i), first.computeIfAbsent(ids.get(i), k -> weight.zerosLike()))
                        : new NDList(weight, grads.get(i));
                weight.getNDArrayInternal().sgdUpdate(inputs, new NDList(weight), lr, wd, rescaleGrad, clipGrad,
                        momentum, true);
            }
            return;
        }
        if (!Float.isFinite(lr) || !Float.isFinite(wd)) {
            throw new IllegalArgumentException("learning rate or weight decay is nan or infinite");
        }
        if (rescaleGrad != 1f || clipGrad >= 0) {
            throw new IllegalStateException("the fused Adam step does not rescale or clip gradients");
        }
        java.util.List<NDArray> m = new java.util.ArrayList<>(ids.size());
        java.util.List<NDArray> v = new java.util.ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            NDArray weight = weights.get(i);
            m.add(first.computeIfAbsent(ids.get(i), k -> weight.zerosLike()));
            v.add(second.computeIfAbsent(ids.get(i), k -> weight.zerosLike()));
        }
        if (fused == null) {
            fused = new FusedAdam(weights.get(0).getManager());
        }
        fused.update(weights, grads, m, v, t, lr, BETA1, BETA2, wd, EPSILON, kind == Kind.ADAMW);
    }

    /** DJL's own per-weight Adam, as before the fused step: for the bench's before/after only. */
    private void djlAdam(java.util.List<String> ids, java.util.List<NDArray> weights, java.util.List<NDArray> grads,
                         int t, float lr, float wd) {
        float corrected = (float) (lr * Math.sqrt(1 - Math.pow(BETA2, t)) / (1 - Math.pow(BETA1, t)));
        for (int i = 0; i < ids.size(); i++) {
            NDArray weight = weights.get(i);
            try (NDArray copy = grads.get(i).duplicate()) { // DJL's parameter server works on a duplicate
                NDList inputs = new NDList(weight, copy, first.computeIfAbsent(ids.get(i), k -> weight.zerosLike()),
                        second.computeIfAbsent(ids.get(i), k -> weight.zerosLike()));
                weight.getNDArrayInternal().adamUpdate(inputs, new NDList(weight), lr, corrected, wd, rescaleGrad,
                        clipGrad, BETA1, BETA2, EPSILON, true, kind == Kind.ADAMW);
            } // adamUpdate zeroes the weight's gradient itself
        }
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
