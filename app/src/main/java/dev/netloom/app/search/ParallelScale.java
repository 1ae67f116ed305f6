package dev.netloom.app.search;

import dev.netloom.hpo.FrozenTrial;
import dev.netloom.hpo.distribution.CategoricalDistribution;
import dev.netloom.hpo.distribution.Distribution;
import dev.netloom.hpo.distribution.FloatDistribution;
import dev.netloom.hpo.distribution.IntDistribution;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a value sits on a parallel-coordinates axis, from 0 (bottom) to 1 (top). Numbers are
 * placed between the smallest and largest value the trials tried (on a log scale when the
 * parameter is searched on one, so 16, 32, 64 are evenly spaced); choices are spread evenly in
 * their listed order; an axis whose trials all tried one value puts it in the middle. Kept apart
 * from the drawing so it can be tested without a window.
 */
public final class ParallelScale {

    private record Axis(double low, double high, boolean log, List<Object> choices) {
    }

    private final Map<String, Axis> axes = new LinkedHashMap<>();
    private final Axis values;

    private ParallelScale(Axis values) {
        this.values = values;
    }

    /**
     * The scale of the trials' parameters ({@code params}) and objective values.
     *
     * @param trials COMPLETE trials; each gives its distributions and values
     * @param target which objective the value axis shows
     */
    public static ParallelScale of(List<String> params, List<FrozenTrial> trials, int target) {
        double lowValue = trials.stream().mapToDouble(t -> t.values().get(target)).min().orElse(0);
        double highValue = trials.stream().mapToDouble(t -> t.values().get(target)).max().orElse(1);
        ParallelScale scale = new ParallelScale(new Axis(lowValue, highValue, false, null));
        for (String p : params) {
            Distribution d = trials.stream().map(t -> t.distributions().get(p)).filter(x -> x != null).findFirst()
                    .orElse(null);
            if (d instanceof CategoricalDistribution c) {
                scale.axes.put(p, new Axis(0, c.choices().size() - 1, false, c.choices()));
                continue;
            }
            boolean log = d instanceof FloatDistribution f ? f.log() : d instanceof IntDistribution i && i.log();
            double low = Double.POSITIVE_INFINITY;
            double high = Double.NEGATIVE_INFINITY;
            for (FrozenTrial t : trials) {
                if (t.param(p) instanceof Number n) {
                    double v = log ? Math.log(n.doubleValue()) : n.doubleValue();
                    low = Math.min(low, v);
                    high = Math.max(high, v);
                }
            }
            scale.axes.put(p, new Axis(low, high, log, null));
        }
        return scale;
    }

    /** The position of a parameter's value on its axis, 0 to 1; NaN when the axis is unknown or the value missing. */
    public double position(String param, Object value) {
        Axis a = axes.get(param);
        if (a == null || value == null) {
            return Double.NaN;
        }
        if (a.choices() != null) {
            int i = a.choices().indexOf(value);
            if (i < 0 && value instanceof Number n) {
                // A choice read back as another number type (Long for Integer): compare as numbers.
                for (int k = 0; k < a.choices().size(); k++) {
                    if (a.choices().get(k) instanceof Number c && c.doubleValue() == n.doubleValue()) {
                        i = k;
                    }
                }
            }
            return i < 0 ? Double.NaN : a.choices().size() == 1 ? 0.5 : (double) i / (a.choices().size() - 1);
        }
        if (!(value instanceof Number n)) {
            return Double.NaN;
        }
        return unit(a, a.log() ? Math.log(n.doubleValue()) : n.doubleValue());
    }

    /** The position of an objective value on the value axis, 0 to 1. */
    public double valuePosition(double value) {
        return unit(values, value);
    }

    /** The value axis's range: {lowest, highest}. */
    public double[] valueRange() {
        return new double[] {values.low(), values.high()};
    }

    /** An axis's ends as people read them: {bottom, top} ("16", "64"; the first and last choice). */
    public String[] ends(String param) {
        Axis a = axes.get(param);
        if (a == null) {
            return new String[] {"", ""};
        }
        if (a.choices() != null) {
            return new String[] {String.valueOf(a.choices().get(0)), String.valueOf(a.choices().get(a.choices().size() - 1))};
        }
        double low = a.log() ? Math.exp(a.low()) : a.low();
        double high = a.log() ? Math.exp(a.high()) : a.high();
        return new String[] {TrialRow.number(low), TrialRow.number(high)};
    }

    private static double unit(Axis a, double v) {
        if (!(a.high() > a.low())) {
            return 0.5;
        }
        return (v - a.low()) / (a.high() - a.low());
    }
}
