package dev.netloom.hpo.sampler;

import dev.netloom.hpo.FrozenTrial;
import dev.netloom.hpo.Study;
import dev.netloom.hpo.TrialState;
import dev.netloom.hpo.distribution.Distribution;
import dev.netloom.hpo.space.IntersectionSearchSpace;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * NSGA-II (Deb et al. 2002) for several objectives, with Optuna's defaults: population 50,
 * crossover probability 0.9, uniform crossover with swapping probability 0.5, and each parameter
 * mutated (sampled at random) with probability 1/(number of parameters).
 *
 * <p>Each trial records its generation ({@code nsga2:generation}). Generation 0 is random; the
 * parents of generation g are the elite of generation g-1's parents and children, chosen by
 * non-dominated sorting and then crowding distance. The state is rebuilt from the trials, so any
 * process with the same seed continues the same run.
 *
 * <p>Constraints ({@code Trial.reportConstraints}, ≤ 0 met) rank by Deb's constrained domination
 * ({@link ConstrainedDomination}, Optuna's {@code constraints_func}): feasible trials before
 * infeasible ones, infeasible ones by total violation, in the elite selection and in the parents'
 * tournaments — so the search keeps to the feasible region however good the infeasible trials score.
 */
public final class NsgaIISampler implements Sampler {

    static final String GENERATION = "nsga2:generation";

    private final long seed;
    private final int populationSize;
    private final double crossoverProbability;
    private final double swappingProbability;
    private final RandomSampler random;
    private final Map<String, List<FrozenTrial>> parentsCache = new HashMap<>();

    /** Optuna's defaults. */
    public NsgaIISampler(long seed) {
        this(seed, 50, 0.9, 0.5);
    }

    public NsgaIISampler(long seed, int populationSize, double crossoverProbability, double swappingProbability) {
        if (populationSize < 2) {
            throw new IllegalArgumentException("population size must be >= 2, got " + populationSize);
        }
        this.seed = seed;
        this.populationSize = populationSize;
        this.crossoverProbability = crossoverProbability;
        this.swappingProbability = swappingProbability;
        this.random = new RandomSampler(seed);
    }

    @Override
    public synchronized void beforeTrial(Study study, FrozenTrial trial) {
        study.setTrialSystemAttr(trial.id(), GENERATION, Integer.toString(currentGeneration(study.trials())));
    }

    @Override
    public Map<String, Distribution> inferRelativeSearchSpace(Study study, FrozenTrial trial) {
        return IntersectionSearchSpace.of(study.trials(), false);
    }

    @Override
    public synchronized Map<String, Double> sampleRelative(Study study, FrozenTrial trial,
                                                           Map<String, Distribution> searchSpace) {
        String g = trial.systemAttrs().get(GENERATION);
        int generation = g == null ? 0 : Integer.parseInt(g);
        if (generation == 0 || searchSpace.isEmpty()) {
            return Map.of();
        }
        List<FrozenTrial> parents = parents(study, study.trials(), generation);
        if (parents.size() < 2) {
            return Map.of();
        }
        SplittableRandom rng = SeededRandom.of(seed, trial.number(), "nsga2");
        FrozenTrial p1 = tournament(parents, study, rng);
        FrozenTrial p2 = tournament(parents, study, rng);
        boolean cross = rng.nextDouble() < crossoverProbability;
        double mutation = 1.0 / searchSpace.size();
        Map<String, Double> child = new LinkedHashMap<>();
        for (Map.Entry<String, Distribution> e : searchSpace.entrySet()) {
            FrozenTrial from = cross && rng.nextDouble() < swappingProbability ? p2 : p1;
            boolean mutate = rng.nextDouble() < mutation;
            Double v = from.internalParams().get(e.getKey());
            if (!mutate && v != null && e.getValue().equals(from.distributions().get(e.getKey()))) {
                child.put(e.getKey(), v);
            }
        }
        return child;
    }

    @Override
    public double sampleIndependent(Study study, FrozenTrial trial, String name, Distribution distribution) {
        return random.sampleIndependent(study, trial, name, distribution);
    }

    private int currentGeneration(List<FrozenTrial> trials) {
        Map<Integer, Integer> complete = new HashMap<>();
        for (FrozenTrial t : trials) {
            String g = t.systemAttrs().get(GENERATION);
            if (g != null && t.state() == TrialState.COMPLETE) {
                complete.merge(Integer.parseInt(g), 1, Integer::sum);
            }
        }
        int g = 0;
        while (complete.getOrDefault(g, 0) >= populationSize) {
            g++;
        }
        return g;
    }

    /** The parent population of a generation ≥ 1: the elite of the previous parents and children. */
    private List<FrozenTrial> parents(Study study, List<FrozenTrial> trials, int generation) {
        String key = study.id() + ":" + generation;
        List<FrozenTrial> cached = parentsCache.get(key);
        if (cached != null) {
            return cached;
        }
        Map<Long, FrozenTrial> pool = new LinkedHashMap<>();
        if (generation > 1) {
            parents(study, trials, generation - 1).forEach(t -> pool.put(t.id(), t));
        }
        String prev = Integer.toString(generation - 1);
        for (FrozenTrial t : trials) {
            if (t.state() == TrialState.COMPLETE && prev.equals(t.systemAttrs().get(GENERATION))) {
                pool.put(t.id(), t);
            }
        }
        List<FrozenTrial> elite = select(new ArrayList<>(pool.values()), study);
        parentsCache.put(key, elite);
        return elite;
    }

    private List<FrozenTrial> select(List<FrozenTrial> pool, Study study) {
        List<FrozenTrial> elite = new ArrayList<>();
        for (List<FrozenTrial> front : ConstrainedDomination.sortFronts(pool, study.directions())) {
            if (elite.size() + front.size() <= populationSize) {
                elite.addAll(front);
                continue;
            }
            double[] crowding = CrowdingDistance.of(front, study.directions());
            Integer[] idx = new Integer[front.size()];
            for (int i = 0; i < idx.length; i++) {
                idx[i] = i;
            }
            java.util.Arrays.sort(idx, (a, b) -> crowding[a] != crowding[b] ? Double.compare(crowding[b], crowding[a])
                    : Integer.compare(front.get(a).number(), front.get(b).number()));
            for (int i = 0; elite.size() < populationSize; i++) {
                elite.add(front.get(idx[i]));
            }
            break;
        }
        return elite;
    }

    private static FrozenTrial tournament(List<FrozenTrial> parents, Study study, SplittableRandom rng) {
        FrozenTrial a = parents.get(rng.nextInt(parents.size()));
        FrozenTrial b = parents.get(rng.nextInt(parents.size()));
        if (ConstrainedDomination.dominates(b, a, study.directions())) {
            return b;
        }
        return a;
    }
}
