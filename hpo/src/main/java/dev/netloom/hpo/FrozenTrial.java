package dev.netloom.hpo;

import dev.netloom.hpo.distribution.Distribution;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An immutable snapshot of a trial, as storages return it and as samplers, pruners and analyses
 * receive it. Parameters are kept in their internal representation (see {@link Distribution});
 * {@link #params()} gives the values the objective saw.
 *
 * @param id                 the storage's id of the trial (unique across studies)
 * @param number             the trial's number in its study, from 0
 * @param state              its state when the snapshot was taken
 * @param values             the objective values (empty unless COMPLETE, or PRUNED with a report)
 * @param internalParams     parameter name → internal value, in suggestion order
 * @param distributions      parameter name → distribution
 * @param intermediateValues step → reported value
 * @param userAttrs          attributes set by the objective
 * @param systemAttrs        attributes set by samplers, pruners and the study (e.g. {@code fail_reason})
 * @param start              when it started running, or {@code null} while WAITING
 * @param complete           when it finished, or {@code null}
 */
public record FrozenTrial(long id, int number, TrialState state, List<Double> values,
                          Map<String, Double> internalParams, Map<String, Distribution> distributions,
                          SortedMap<Integer, Double> intermediateValues, Map<String, Object> userAttrs,
                          Map<String, String> systemAttrs, Instant start, Instant complete) {

    /** System attribute holding why a trial failed. */
    public static final String FAIL_REASON = "fail_reason";
    /**
     * System attribute holding the trial's constraint values ({@link Trial#reportConstraints}),
     * comma-separated; a value ≤ 0 is met (Optuna's convention).
     */
    public static final String CONSTRAINTS = "constraints";

    /** System attribute holding the whole stack trace of the exception that failed a trial. */
    public static final String FAIL_TRACE = "fail_trace";

    public FrozenTrial {
        values = List.copyOf(values);
        internalParams = Collections.unmodifiableMap(new LinkedHashMap<>(internalParams));
        distributions = Collections.unmodifiableMap(new LinkedHashMap<>(distributions));
        intermediateValues = Collections.unmodifiableSortedMap(new TreeMap<>(intermediateValues));
        // User attributes may hold null, which Map.copyOf refuses.
        userAttrs = Collections.unmodifiableMap(new LinkedHashMap<>(userAttrs));
        systemAttrs = Collections.unmodifiableMap(new LinkedHashMap<>(systemAttrs));
    }

    /** The value of a one-objective trial. */
    public double value() {
        if (values.size() != 1) {
            throw new IllegalStateException("trial " + number + " has " + values.size() + " values, not one");
        }
        return values.get(0);
    }

    /** The external value of a parameter, or {@code null} if the trial has no such parameter. */
    public Object param(String name) {
        Double internal = internalParams.get(name);
        return internal == null ? null : distributions.get(name).toExternal(internal);
    }

    /** Parameter name → the value the objective saw, in suggestion order. */
    public Map<String, Object> params() {
        Map<String, Object> out = new LinkedHashMap<>();
        internalParams.forEach((k, v) -> out.put(k, distributions.get(k).toExternal(v)));
        return Collections.unmodifiableMap(out);
    }

    /** The last reported intermediate value, or NaN if none. */
    public double lastIntermediateValue() {
        return intermediateValues.isEmpty() ? Double.NaN : intermediateValues.get(intermediateValues.lastKey());
    }

    /** Why the trial failed, or {@code null}. */
    public String failReason() {
        return systemAttrs.get(FAIL_REASON);
    }

    /** The constraint values the trial reported (≤ 0 is met), or an empty list if it reported none. */
    public List<Double> constraints() {
        return Constraints.parse(systemAttrs.get(CONSTRAINTS));
    }

    /** Whether every constraint the trial reported is met; a trial without constraints is feasible. */
    public boolean isFeasible() {
        for (double c : constraints()) {
            if (!(c <= 0)) {
                return false;
            }
        }
        return true;
    }

    /** The stack trace of the exception that failed this trial, or {@code null}. */
    public String failTrace() {
        return systemAttrs.get(FAIL_TRACE);
    }
}
