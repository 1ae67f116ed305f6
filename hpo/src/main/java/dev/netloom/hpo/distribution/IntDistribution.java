package dev.netloom.hpo.distribution;

/**
 * An integer parameter in {@code [low, high]} on a grid of {@code step}, optionally on a log scale
 * (then the step must be 1, as in Optuna).
 *
 * @param low  the smallest value (at least 1 on a log scale)
 * @param high the largest value, at least {@code low}
 * @param log  whether samplers should work with {@code ln(value)}
 * @param step the grid spacing, at least 1
 */
public record IntDistribution(long low, long high, boolean log, long step) implements Distribution {

    public IntDistribution {
        if (low > high) {
            throw new IllegalArgumentException("int range needs low <= high, got [" + low + ", " + high + "]");
        }
        if (step < 1) {
            throw new IllegalArgumentException("step must be >= 1, got " + step);
        }
        if (log && step != 1) {
            throw new IllegalArgumentException("a log-scale int parameter needs step 1, got " + step);
        }
        if (log && low < 1) {
            throw new IllegalArgumentException("a log-scale int parameter needs low >= 1, got " + low);
        }
        high = low + (high - low) / step * step;
    }

    /** A linear range with step 1. */
    public static IntDistribution of(long low, long high) {
        return new IntDistribution(low, high, false, 1);
    }

    @Override
    public double toInternal(Object value) {
        if (!(value instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
            throw new IllegalArgumentException("an int parameter takes a whole number, got " + value);
        }
        double v = n.doubleValue();
        if (!containsInternal(v)) {
            throw new IllegalArgumentException(n + " is not in " + this);
        }
        return v;
    }

    @Override
    public Object toExternal(double internal) {
        long v = low + Math.round((internal - low) / step) * step;
        return Math.min(high, Math.max(low, v));
    }

    @Override
    public boolean containsInternal(double v) {
        return !Double.isNaN(v) && v >= low && v <= high && v == Math.rint(v) && ((long) v - low) % step == 0;
    }

    @Override
    public boolean isSingle() {
        return low == high;
    }
}
