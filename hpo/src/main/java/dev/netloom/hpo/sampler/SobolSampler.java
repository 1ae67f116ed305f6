package dev.netloom.hpo.sampler;

import dev.netloom.hpo.FrozenTrial;
import dev.netloom.hpo.Study;
import dev.netloom.hpo.distribution.Distribution;
import dev.netloom.hpo.space.UnitSpace;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.commons.math3.random.SobolSequenceGenerator;

/**
 * Quasi-random sampling: trial {@code n} takes point {@code n} of a Sobol sequence, its k-th
 * suggested parameter coordinate k, shifted modulo 1 by a random number drawn from the seed and k
 * (a Cranley–Patterson rotation), so different seeds give different, equally even designs. Point 0
 * is the origin, so the first trial is a random point.
 *
 * <p>Why coordinates follow the suggestion order rather than the parameters finished trials share
 * (Optuna's QMC sampler takes its space from the first finished trial): a trial's values then depend
 * only on the seed, its number and the parameters it suggested before — not on which trials had
 * finished when it started — so parallel workers, in threads or processes, get exactly the trials
 * one worker gets. A conditional parameter takes the next coordinate of its trial's point.
 * Parameters past the 1,000 dimensions of the direction numbers are sampled at random.
 */
public final class SobolSampler implements Sampler {

    /** Dimensions of Commons Math's direction numbers (Joe and Kuo). */
    static final int MAX_DIMENSION = 1000;

    private final long seed;

    public SobolSampler(long seed) {
        this.seed = seed;
    }

    @Override
    public Map<String, Distribution> inferRelativeSearchSpace(Study study, FrozenTrial trial) {
        return Map.of();
    }

    @Override
    public Map<String, Double> sampleRelative(Study study, FrozenTrial trial, Map<String, Distribution> searchSpace) {
        return Map.of();
    }

    @Override
    public double sampleIndependent(Study study, FrozenTrial trial, String name, Distribution distribution) {
        return UnitSpace.fromUnit(distribution, unit(trial.number(), trial.internalParams().size(), name));
    }

    /** Coordinate {@code k} of point {@code n}, rotated; random beyond the direction numbers. */
    double unit(int n, int k, String name) {
        if (k >= MAX_DIMENSION || n < 0) {
            return SeededRandom.of(seed, n, name).nextDouble();
        }
        double[] point = new SobolSequenceGenerator(k + 1).skipTo(n);
        SplittableRandom shift = SeededRandom.of(seed, -1, "sobol-shift:" + k);
        double u = point[k] + shift.nextDouble();
        return u - Math.floor(u);
    }
}
