package dev.netloom.hpo.distribution;

/**
 * A real-valued parameter in {@code [low, high]}, optionally on a log scale or on a grid of
 * {@code step} (log and step exclude each other, as in Optuna).
 *
 * @param low  the smallest value (greater than 0 on a log scale)
 * @param high the largest value, at least {@code low}
 * @param log  whether samplers should work with {@code ln(value)}
 * @param step the grid spacing, or {@code null} for a continuous range
 */
public record FloatDistribution(double low, double high, boolean log, Double step) implements Distribution {

    public FloatDistribution {
        if (!(low <= high) || Double.isInfinite(low) || Double.isInfinite(high)) {
            throw new IllegalArgumentException("float range needs finite low <= high, got [" + low + ", " + high + "]");
        }
        if (log && step != null) {
            throw new IllegalArgumentException("a float parameter cannot have both log scale and step");
        }
        if (log && low <= 0) {
            throw new IllegalArgumentException("a log-scale float parameter needs low > 0, got " + low);
        }
        if (step != null) {
            if (!(step > 0)) {
                throw new IllegalArgumentException("step must be > 0, got " + step);
            }
            // Like Optuna: shrink high to the last grid point so that every grid point is in range.
            double n = Math.floor((high - low) / step + 1e-9);
            high = low + n * step;
        }
    }

    /** A continuous linear range. */
    public static FloatDistribution of(double low, double high) {
        return new FloatDistribution(low, high, false, null);
    }

    @Override
    public double toInternal(Object value) {
        if (!(value instanceof Number n)) {
            throw new IllegalArgumentException("a float parameter takes a number, got " + value);
        }
        double v = n.doubleValue();
        if (!containsInternal(v)) {
            throw new IllegalArgumentException(v + " is not in " + this);
        }
        return v;
    }

    @Override
    public Object toExternal(double internal) {
        double v = internal;
        if (step != null) {
            v = low + Math.round((v - low) / step) * step;
        }
        return Math.min(high, Math.max(low, v));
    }

    @Override
    public boolean containsInternal(double v) {
        if (Double.isNaN(v) || v < low || v > high) {
            return false;
        }
        if (step == null) {
            return true;
        }
        double k = (v - low) / step;
        return Math.abs(k - Math.round(k)) < 1e-8 * Math.max(1, Math.abs(k));
    }

    @Override
    public boolean isSingle() {
        return low == high;
    }
}
