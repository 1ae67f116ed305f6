package dev.netloom.hpo.sampler;

import dev.netloom.hpo.FrozenTrial;
import dev.netloom.hpo.Study;
import dev.netloom.hpo.distribution.Distribution;
import dev.netloom.hpo.space.IntersectionSearchSpace;
import dev.netloom.hpo.space.UnitSpace;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.commons.math3.random.SobolSequenceGenerator;

/**
 * Quasi-random sampling: trial {@code n} takes point {@code n} of a Sobol sequence over the
 * relative search space (the parameters every finished trial has), shifted modulo 1 by a random
 * vector drawn from the seed (a Cranley–Patterson rotation), so different seeds give different,
 * equally even designs. The first trial and conditional parameters are sampled at random.
 */
public final class SobolSampler implements Sampler {

    private final long seed;

    public SobolSampler(long seed) {
        this.seed = seed;
    }

    @Override
    public Map<String, Distribution> inferRelativeSearchSpace(Study study, FrozenTrial trial) {
        return IntersectionSearchSpace.of(study.trials(), true);
    }

    @Override
    public Map<String, Double> sampleRelative(Study study, FrozenTrial trial, Map<String, Distribution> searchSpace) {
        int dim = searchSpace.size();
        if (dim == 0 || dim > 1000) {
            return Map.of();
        }
        SobolSequenceGenerator sobol = new SobolSequenceGenerator(dim);
        double[] point = sobol.skipTo(trial.number());
        SplittableRandom shift = new SplittableRandom(seed ^ 0x5DEECE66DL ^ ((long) dim << 40));
        Map<String, Double> out = new LinkedHashMap<>();
        int k = 0;
        for (Map.Entry<String, Distribution> e : List.copyOf(searchSpace.entrySet())) {
            double u = point[k++] + shift.nextDouble();
            out.put(e.getKey(), UnitSpace.fromUnit(e.getValue(), u - Math.floor(u)));
        }
        return out;
    }

    @Override
    public double sampleIndependent(Study study, FrozenTrial trial, String name, Distribution distribution) {
        return UnitSpace.fromUnit(distribution, SeededRandom.of(seed, trial.number(), name).nextDouble());
    }
}
