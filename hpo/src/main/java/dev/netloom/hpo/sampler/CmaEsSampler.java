package dev.netloom.hpo.sampler;

import dev.netloom.hpo.FrozenTrial;
import dev.netloom.hpo.Study;
import dev.netloom.hpo.StudyDirection;
import dev.netloom.hpo.TrialState;
import dev.netloom.hpo.distribution.CategoricalDistribution;
import dev.netloom.hpo.distribution.Distribution;
import dev.netloom.hpo.distribution.FloatDistribution;
import dev.netloom.hpo.distribution.IntDistribution;
import dev.netloom.hpo.space.IntersectionSearchSpace;
import dev.netloom.hpo.space.UnitSpace;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * CMA-ES over the numeric parameters every finished trial has, in {@link UnitSpace}, with IPOP
 * restarts (the population doubles at each restart) and a margin for integer and stepped
 * parameters. Categorical and conditional parameters are sampled at random.
 *
 * <p>The optimizer's state is not stored: each trial records its generation ({@code cma:generation},
 * "restart:generation") and its point ({@code cma:x}); a sampler rebuilds the state by replaying
 * the first λ COMPLETE trials of each generation, so any process that opens the study, with the
 * same seed, continues the same run. One objective only.
 */
public final class CmaEsSampler implements Sampler {

    static final String GENERATION = "cma:generation";
    static final String POINT = "cma:x";

    private final long seed;
    private final double sigma0;
    private final int popsize;
    private final boolean ipop;
    private final RandomSampler random;
    private final Map<String, Run> runs = new HashMap<>();

    /** CMA-ES with σ0 = 1/6 of each range, the default population, IPOP restarts. */
    public CmaEsSampler(long seed) {
        this(seed, 1.0 / 6, 0, true);
    }

    /**
     * @param sigma0  the start step size in unit space
     * @param popsize the first population size, 0 for 4 + ⌊3 ln n⌋
     * @param ipop    whether to restart with a doubled population when a run converges
     */
    public CmaEsSampler(long seed, double sigma0, int popsize, boolean ipop) {
        this.seed = seed;
        this.sigma0 = sigma0;
        this.popsize = popsize;
        this.ipop = ipop;
        this.random = new RandomSampler(seed);
    }

    @Override
    public Map<String, Distribution> inferRelativeSearchSpace(Study study, FrozenTrial trial) {
        if (study.isMultiObjective()) {
            throw new IllegalStateException("CMA-ES optimizes one objective; study '" + study.name() + "' has "
                    + study.directions().size() + " (use NSGA-II)");
        }
        TreeMap<String, Distribution> space = IntersectionSearchSpace.of(study.trials(), false);
        space.values().removeIf(d -> d instanceof CategoricalDistribution);
        return space;
    }

    @Override
    public synchronized Map<String, Double> sampleRelative(Study study, FrozenTrial trial,
                                                           Map<String, Distribution> searchSpace) {
        if (searchSpace.isEmpty()) {
            return Map.of();
        }
        List<String> names = new ArrayList<>(searchSpace.keySet());
        String key = searchSpace.toString();
        Run run = runs.computeIfAbsent(key, k -> new Run(newOptimizer(searchSpace, names, 0, 0), 0));
        catchUp(run, study.trials(), study.direction(), searchSpace, names);
        SplittableRandom rng = SeededRandom.of(seed, trial.number(), "cma");
        double[] x = run.es.ask(rng);
        for (int attempt = 0; attempt < 100 && !inBox(x); attempt++) {
            x = run.es.ask(rng);
        }
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.min(1, Math.max(0, x[i]));
        }
        study.setTrialSystemAttr(trial.id(), GENERATION, run.restart + ":" + run.es.generation());
        study.setTrialSystemAttr(trial.id(), POINT, join(x));
        Map<String, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            out.put(names.get(i), UnitSpace.fromUnit(searchSpace.get(names.get(i)), x[i]));
        }
        return out;
    }

    /** Tells every generation that has λ COMPLETE trials, restarting (IPOP) when a run stops. */
    private void catchUp(Run run, List<FrozenTrial> trials, StudyDirection direction, Map<String, Distribution> space,
                         List<String> names) {
        while (true) {
            String tag = run.restart + ":" + run.es.generation();
            List<FrozenTrial> done = new ArrayList<>();
            for (FrozenTrial t : trials) {
                if (t.state() == TrialState.COMPLETE && tag.equals(t.systemAttrs().get(GENERATION))
                        && t.systemAttrs().containsKey(POINT)) {
                    done.add(t);
                }
            }
            int lambda = run.es.populationSize();
            if (done.size() < lambda) {
                return;
            }
            double[][] xs = new double[lambda][];
            double[] ys = new double[lambda];
            for (int i = 0; i < lambda; i++) {
                FrozenTrial t = done.get(i);
                xs[i] = split(t.systemAttrs().get(POINT));
                ys[i] = direction.toLoss(t.value());
                if (xs[i].length != names.size()) {
                    return;
                }
            }
            run.es.tell(xs, ys);
            if (ipop && run.es.shouldStop()) {
                run.restart++;
                run.es = newOptimizer(space, names, run.restart, lambda * 2);
            }
        }
    }

    private CmaEs newOptimizer(Map<String, Distribution> space, List<String> names, int restart, int lambda) {
        double[] mean = new double[names.size()];
        double[] cells = new double[names.size()];
        SplittableRandom rng = SeededRandom.of(seed, -1 - restart, "cma:start");
        for (int i = 0; i < names.size(); i++) {
            // The first run starts in the centre, as Optuna does; restarts start at random points.
            mean[i] = restart == 0 ? 0.5 : rng.nextDouble();
            cells[i] = cellWidth(space.get(names.get(i)));
        }
        int lam = lambda > 0 ? lambda : popsize;
        return new CmaEs(mean, sigma0, lam, cells);
    }

    /** The width in unit space of one grid cell, or 0 for a continuous range. */
    static double cellWidth(Distribution d) {
        if (d instanceof IntDistribution i && !i.log()) {
            return 1.0 / ((i.high() - i.low()) / i.step() + 1);
        }
        if (d instanceof FloatDistribution f && f.step() != null) {
            return 1.0 / (Math.round((f.high() - f.low()) / f.step()) + 1);
        }
        if (d instanceof IntDistribution i) {
            // On a log scale the narrowest cell is the top one.
            return (Math.log(i.high() + 0.5) - Math.log(i.high() - 0.5)) / (Math.log(i.high() + 0.5) - Math.log(i.low() - 0.5));
        }
        return 0;
    }

    @Override
    public double sampleIndependent(Study study, FrozenTrial trial, String name, Distribution distribution) {
        return random.sampleIndependent(study, trial, name, distribution);
    }

    private static boolean inBox(double[] x) {
        for (double v : x) {
            if (v < 0 || v > 1) {
                return false;
            }
        }
        return true;
    }

    private static String join(double[] x) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < x.length; i++) {
            sb.append(i == 0 ? "" : ",").append(x[i]);
        }
        return sb.toString();
    }

    private static double[] split(String s) {
        return Arrays.stream(s.split(",")).mapToDouble(Double::parseDouble).toArray();
    }

    /** One CMA-ES run and how many restarts preceded it. */
    private static final class Run {
        CmaEs es;
        int restart;

        Run(CmaEs es, int restart) {
            this.es = es;
            this.restart = restart;
        }
    }
}
