package dev.netloom.hpo;

import dev.netloom.hpo.distribution.CategoricalDistribution;
import dev.netloom.hpo.distribution.Distribution;
import dev.netloom.hpo.distribution.FloatDistribution;
import dev.netloom.hpo.distribution.IntDistribution;
import dev.netloom.hpo.distribution.ValueText;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One evaluation of the objective: the objective asks it for parameter values, reports
 * intermediate values and asks whether to stop.
 *
 * <p>Suggesting a parameter again returns the same value; suggesting it with a different
 * distribution is an error that names both. A trial is used by one thread.
 */
public final class Trial {

    private final Study study;
    private final long id;
    private final int number;
    private final Map<String, Distribution> relativeSpace;
    private final Map<String, Double> relativeParams;
    private final Map<String, String> fixedParams;
    private final Map<String, Double> params = new LinkedHashMap<>();
    private final Map<String, Distribution> distributions = new LinkedHashMap<>();

    Trial(Study study, FrozenTrial started, Map<String, Distribution> relativeSpace, Map<String, Double> relativeParams) {
        this.study = study;
        this.id = started.id();
        this.number = started.number();
        this.relativeSpace = relativeSpace;
        this.relativeParams = relativeParams;
        this.params.putAll(started.internalParams());
        this.distributions.putAll(started.distributions());
        Map<String, String> fixed = new LinkedHashMap<>();
        started.systemAttrs().forEach((k, v) -> {
            if (k.startsWith(Study.FIXED_PARAM_PREFIX)) {
                fixed.put(k.substring(Study.FIXED_PARAM_PREFIX.length()), v);
            }
        });
        this.fixedParams = fixed;
    }

    /** The storage id of the trial. */
    public long id() {
        return id;
    }

    /** The trial's number in its study, from 0. */
    public int number() {
        return number;
    }

    public Study study() {
        return study;
    }

    /** A real value in {@code [low, high]}. */
    public double suggestFloat(String name, double low, double high) {
        return (Double) suggest(name, new FloatDistribution(low, high, false, null));
    }

    /** A real value in {@code [low, high]}, sampled on a log scale if {@code log}. */
    public double suggestFloat(String name, double low, double high, boolean log) {
        return (Double) suggest(name, new FloatDistribution(low, high, log, null));
    }

    /** A real value in {@code {low, low + step, ...} ≤ high}. */
    public double suggestFloat(String name, double low, double high, double step) {
        return (Double) suggest(name, new FloatDistribution(low, high, false, step));
    }

    /** A whole number in {@code [low, high]}. */
    public int suggestInt(String name, int low, int high) {
        return Math.toIntExact((Long) suggest(name, new IntDistribution(low, high, false, 1)));
    }

    /** A whole number in {@code [low, high]}, sampled on a log scale if {@code log}. */
    public int suggestInt(String name, int low, int high, boolean log) {
        return Math.toIntExact((Long) suggest(name, new IntDistribution(low, high, log, 1)));
    }

    /** A whole number in {@code {low, low + step, ...} ≤ high}. */
    public int suggestInt(String name, int low, int high, int step) {
        return Math.toIntExact((Long) suggest(name, new IntDistribution(low, high, false, step)));
    }

    /** One of the choices (strings, numbers, booleans or null). */
    @SuppressWarnings("unchecked")
    public <T> T suggestCategorical(String name, List<T> choices) {
        return (T) suggest(name, CategoricalDistribution.of(choices));
    }

    /** A value of any distribution, in its external form. */
    public Object suggest(String name, Distribution distribution) {
        Distribution before = distributions.get(name);
        if (before != null) {
            if (!before.equals(distribution)) {
                throw new IllegalArgumentException("parameter '" + name + "' was suggested as " + before
                        + " and now as " + distribution + "; a parameter keeps one distribution within a trial");
            }
            return before.toExternal(params.get(name));
        }
        double internal = choose(name, distribution);
        study.storage().setParam(id, name, distribution, internal);
        params.put(name, internal);
        distributions.put(name, distribution);
        return distribution.toExternal(internal);
    }

    private double choose(String name, Distribution d) {
        String fixed = fixedParams.get(name);
        if (fixed != null) {
            Object value = ValueText.read(fixed);
            // Enqueued numbers may come as any Number type; a whole 3.0 fits an int parameter, 3.7 does not.
            if (value instanceof Number n && d instanceof IntDistribution && n.doubleValue() == Math.rint(n.doubleValue())) {
                value = n.longValue();
            } else if (value instanceof Number n && d instanceof FloatDistribution) {
                value = n.doubleValue();
            }
            try {
                return d.toInternal(value);
            } catch (IllegalArgumentException outside) {
                // Documented on Study.enqueueTrial: an enqueued value outside the range is sampled instead.
            }
        }
        if (d.isSingle()) {
            return d.toInternal(d.toExternal(d instanceof IntDistribution i ? i.low()
                    : d instanceof FloatDistribution f ? f.low() : 0));
        }
        Double relative = relativeParams.get(name);
        if (relative != null && d.equals(relativeSpace.get(name)) && d.containsInternal(relative)) {
            return relative;
        }
        double v = study.sampler().sampleIndependent(study, snapshot(), name, d);
        return d.toInternal(d.toExternal(v));
    }

    /** Reports the objective's value at a step (an epoch, a number of samples); the pruner reads it. */
    public void report(int step, double value) {
        if (step < 0) {
            throw new IllegalArgumentException("step must be >= 0, got " + step);
        }
        study.storage().setIntermediateValue(id, step, value);
    }

    /**
     * Records the trial's constraint values, one per constraint, each ≤ 0 when the constraint is met
     * (Optuna's convention: {@code latencyMs - 20} for "latency ≤ 20 ms"). Samplers that model
     * constraints (GP, TPE) steer towards feasible regions, and {@link Study#bestTrial()} and
     * {@link Study#bestTrials()} count only feasible trials. Report the same number of constraints in
     * every trial of a study; reporting again replaces the values.
     */
    public void reportConstraints(double... values) {
        study.storage().setSystemAttr(id, FrozenTrial.CONSTRAINTS, Constraints.format(values));
    }

    /** Whether the pruner says this trial should stop; the objective then throws {@link TrialPruned}. */
    public boolean shouldPrune() {
        if (study.isMultiObjective() && !study.pruner().judgesSeveralObjectives()) {
            throw new IllegalStateException("this pruner reads one objective (use ParetoPruner); study '" + study.name()
                    + "' has " + study.directions().size());
        }
        return study.pruner().prune(study, snapshot());
    }

    /**
     * Records that this trial's worker is alive. {@link Study#optimize} does it on its own; an
     * ask/tell loop in a study with heartbeats calls it more often than the heartbeat interval,
     * or other workers fail the trial once the grace period passes.
     */
    public void heartbeat() {
        study.storage().recordHeartbeat(id);
    }

    /** Sets a user attribute: a string, number, boolean or null. */
    public void setUserAttr(String key, Object value) {
        study.storage().setUserAttr(id, key, value);
    }

    /** The parameters suggested so far, in their external form. */
    public Map<String, Object> params() {
        Map<String, Object> out = new LinkedHashMap<>();
        params.forEach((k, v) -> out.put(k, distributions.get(k).toExternal(v)));
        return Collections.unmodifiableMap(out);
    }

    /** A snapshot of the trial as its storage has it now. */
    public FrozenTrial snapshot() {
        return study.storage().trial(id);
    }
}
