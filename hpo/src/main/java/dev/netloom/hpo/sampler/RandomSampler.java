package dev.netloom.hpo.sampler;

import dev.netloom.hpo.FrozenTrial;
import dev.netloom.hpo.Study;
import dev.netloom.hpo.distribution.Distribution;
import dev.netloom.hpo.space.UnitSpace;

/** Uniform sampling (log-uniform on log scales); the baseline every other sampler should beat. */
public final class RandomSampler implements Sampler {

    private final long seed;

    public RandomSampler(long seed) {
        this.seed = seed;
    }

    @Override
    public double sampleIndependent(Study study, FrozenTrial trial, String name, Distribution distribution) {
        return UnitSpace.fromUnit(distribution, SeededRandom.of(seed, trial.number(), name).nextDouble());
    }
}
