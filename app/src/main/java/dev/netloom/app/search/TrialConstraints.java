package dev.netloom.app.search;

import dev.netloom.graph.analysis.GraphAnalysis;

import java.util.ArrayList;
import java.util.List;

/**
 * A search's constraints with what measures them: the device estimate of each latency limit.
 * {@link ModelSearch} asks it for a trial's constraint values before the trial trains.
 */
public final class TrialConstraints {

    /** No constraints. */
    public static final TrialConstraints NONE = new TrialConstraints(List.of(), List.of());

    private final List<SearchConstraint> constraints;
    private final List<TrialLatency> latencies;

    /**
     * @param latencies one per constraint: the device estimate of a latency limit, null for the others
     */
    public TrialConstraints(List<SearchConstraint> constraints, List<TrialLatency> latencies) {
        if (constraints.size() != latencies.size()) {
            throw new IllegalArgumentException("one latency estimate (or null) per constraint");
        }
        for (int i = 0; i < constraints.size(); i++) {
            if (constraints.get(i).metric() == SearchConstraint.Metric.LATENCY && latencies.get(i) == null) {
                throw new IllegalArgumentException("constraint " + constraints.get(i).text() + " needs a device");
            }
        }
        this.constraints = List.copyOf(constraints);
        this.latencies = new ArrayList<>(latencies);
    }

    public boolean isEmpty() {
        return constraints.isEmpty();
    }

    public List<SearchConstraint> constraints() {
        return constraints;
    }

    /** The measured values of a trial's graph, one per constraint, in the constraint's unit. */
    public double[] measure(GraphAnalysis analysis, long parameters, long multiplyAdds) {
        double[] out = new double[constraints.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = switch (constraints.get(i).metric()) {
                case LATENCY -> latencies.get(i).milliseconds(analysis);
                case PARAMETERS -> parameters;
                case MULTIPLY_ADDS -> multiplyAdds;
            };
        }
        return out;
    }

    /** Constraint values (measured − limit) of measurements. */
    public double[] values(double[] measured) {
        double[] out = new double[measured.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = constraints.get(i).value(measured[i]);
        }
        return out;
    }

    /** Every limit the measurements break, in words joined by "; ", or null when all are kept. */
    public String broken(double[] measured) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < measured.length; i++) {
            if (constraints.get(i).value(measured[i]) > 0) {
                TrialLatency l = latencies.get(i);
                out.add(constraints.get(i).broken(measured[i], l == null ? null : l.device().id()));
            }
        }
        return out.isEmpty() ? null : String.join("; ", out);
    }
}
