package dev.netloom.hpo.space;

import dev.netloom.hpo.distribution.CategoricalDistribution;
import dev.netloom.hpo.distribution.Distribution;
import dev.netloom.hpo.distribution.FloatDistribution;
import dev.netloom.hpo.distribution.IntDistribution;

/**
 * Maps a distribution onto {@code [0, 1]} so that a uniform point there is a uniform draw from the
 * distribution: log ranges are uniform in {@code ln(value)}, grids give each point an equal cell,
 * categories equal slices. Random, Sobol, CMA-ES and NSGA-II work in this space.
 */
public final class UnitSpace {

    private UnitSpace() {
    }

    /** The point of {@code [0, 1]} at the centre of an internal value's cell. */
    public static double toUnit(Distribution d, double internal) {
        if (d instanceof CategoricalDistribution c) {
            return (internal + 0.5) / c.choices().size();
        }
        double[] b = bounds(d);
        double x = isLog(d) ? Math.log(internal) : internal;
        return b[1] == b[0] ? 0.5 : (x - b[0]) / (b[1] - b[0]);
    }

    /** The legal internal value whose cell holds {@code u} (clipped into {@code [0, 1]}). */
    public static double fromUnit(Distribution d, double u) {
        double v = Math.min(1, Math.max(0, u));
        if (d instanceof CategoricalDistribution c) {
            return Math.min(c.choices().size() - 1, (int) Math.floor(v * c.choices().size()));
        }
        double[] b = bounds(d);
        double x = b[0] + v * (b[1] - b[0]);
        double internal = isLog(d) ? Math.exp(x) : x;
        return d.toInternal(d.toExternal(internal));
    }

    private static boolean isLog(Distribution d) {
        return d instanceof FloatDistribution f ? f.log() : ((IntDistribution) d).log();
    }

    /** Low and high of the range in sampling space, widened by half a cell on grids. */
    private static double[] bounds(Distribution d) {
        if (d instanceof FloatDistribution f) {
            if (f.log()) {
                return new double[] {Math.log(f.low()), Math.log(f.high())};
            }
            double half = f.step() == null ? 0 : f.step() / 2;
            return new double[] {f.low() - half, f.high() + half};
        }
        IntDistribution i = (IntDistribution) d;
        if (i.log()) {
            return new double[] {Math.log(i.low() - 0.5), Math.log(i.high() + 0.5)};
        }
        return new double[] {i.low() - i.step() / 2.0, i.high() + i.step() / 2.0};
    }
}
