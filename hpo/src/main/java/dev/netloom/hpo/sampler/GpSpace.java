package dev.netloom.hpo.sampler;

import dev.netloom.hpo.distribution.CategoricalDistribution;
import dev.netloom.hpo.distribution.Distribution;
import dev.netloom.hpo.distribution.FloatDistribution;
import dev.netloom.hpo.space.UnitSpace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * How {@link GpSampler} sees a search space: one coordinate per parameter. A numeric parameter is
 * its {@link UnitSpace} point in {@code [0, 1]} — log ranges in log space, integers and stepped
 * floats snapped to the centre of their value's cell, so the model only ever sees values a trial
 * can have. A categorical parameter is its choice index; the kernel treats it as a one-hot vector
 * (see {@link GaussianProcess}).
 */
final class GpSpace {

    private final List<String> names;
    private final Distribution[] distributions;
    private final boolean[] categorical;
    private final boolean[] discrete;

    GpSpace(Map<String, Distribution> space) {
        this.names = new ArrayList<>(space.keySet());
        int p = names.size();
        this.distributions = new Distribution[p];
        this.categorical = new boolean[p];
        this.discrete = new boolean[p];
        for (int j = 0; j < p; j++) {
            Distribution d = space.get(names.get(j));
            distributions[j] = d;
            categorical[j] = d instanceof CategoricalDistribution;
            discrete[j] = !categorical[j] && !(d instanceof FloatDistribution f && f.step() == null);
        }
    }

    int size() {
        return names.size();
    }

    List<String> names() {
        return names;
    }

    boolean[] categorical() {
        return categorical;
    }

    boolean isCategorical(int j) {
        return categorical[j];
    }

    boolean isDiscrete(int j) {
        return discrete[j];
    }

    /** Number of choices of a categorical coordinate. */
    int choices(int j) {
        return ((CategoricalDistribution) distributions[j]).choices().size();
    }

    /** The coordinates of internal values, or null if a parameter is missing or has another distribution. */
    double[] encode(Map<String, Double> internal, Map<String, Distribution> dists) {
        double[] x = new double[names.size()];
        for (int j = 0; j < x.length; j++) {
            Double v = internal.get(names.get(j));
            if (v == null || !distributions[j].equals(dists.get(names.get(j)))) {
                return null;
            }
            x[j] = categorical[j] ? v : UnitSpace.toUnit(distributions[j], v);
        }
        return x;
    }

    /** The internal value of coordinate {@code j}. */
    double decode(int j, double coordinate) {
        return categorical[j] ? coordinate : UnitSpace.fromUnit(distributions[j], coordinate);
    }

    /** A coordinate moved onto a value a trial can have: a grid cell's centre, a whole choice index. */
    double snap(int j, double coordinate) {
        if (categorical[j]) {
            return Math.max(0, Math.min(choices(j) - 1, Math.rint(coordinate)));
        }
        double u = Math.max(0, Math.min(1, coordinate));
        return discrete[j] ? UnitSpace.toUnit(distributions[j], UnitSpace.fromUnit(distributions[j], u)) : u;
    }

    /** A uniformly random point. */
    double[] random(SplittableRandom rng) {
        double[] x = new double[names.size()];
        for (int j = 0; j < x.length; j++) {
            x[j] = categorical[j] ? rng.nextInt(choices(j)) : snap(j, rng.nextDouble());
        }
        return x;
    }
}
