package dev.netloom.hpo.sampler;

import dev.netloom.hpo.FrozenTrial;
import dev.netloom.hpo.Study;
import dev.netloom.hpo.TrialState;
import dev.netloom.hpo.distribution.CategoricalDistribution;
import dev.netloom.hpo.distribution.Distribution;
import dev.netloom.hpo.distribution.FloatDistribution;
import dev.netloom.hpo.distribution.IntDistribution;
import dev.netloom.hpo.space.IntersectionSearchSpace;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Tree-structured Parzen Estimator (Bergstra et al. 2011), following Optuna: split finished
 * trials into good and bad ({@link TpeSplit}), fit a {@link ParzenEstimator} to each, draw
 * candidates from the good one and keep the candidate with the largest ratio of good to bad
 * density (expected improvement). As in Optuna 5, multivariate by default — the parameters every
 * trial has are sampled jointly — with the constant liar ({@link TpeSettings#defaults()}); univariate
 * samples each parameter alone ({@link TpeSettings#univariate()}). Parameters only some trials have (conditional spaces) are fitted on the trials
 * that have them. Before {@link TpeSettings#nStartupTrials()} finished trials, it samples at random.
 *
 * <p>For several objectives the good trials are the first Pareto fronts (by non-dominated rank,
 * then trial number); Optuna's MOTPE also breaks the last front by hypervolume contribution, which
 * this does not. Kernel densities are the exact truncated-normal densities, as in Optuna since its
 * fix of issue #5109 (PR #5110, 2023); Optuna 3.1, the Debian peer of {@code hpo/bench}, still
 * leaves out the {@code -log(sigma)} term, which favours wide kernels and explores more.
 */
public final class TpeSampler implements Sampler {

    private final TpeSettings settings;
    private final long seed;
    private final RandomSampler random;
    private String cachedSplitKey;
    private TpeSplit cachedSplit;

    /** TPE with Optuna 5's defaults: multivariate, constant liar. */
    public TpeSampler(long seed) {
        this(TpeSettings.defaults(), seed);
    }

    public TpeSampler(TpeSettings settings, long seed) {
        this.settings = settings;
        this.seed = seed;
        this.random = new RandomSampler(seed);
    }

    public TpeSettings settings() {
        return settings;
    }

    @Override
    public Map<String, Distribution> inferRelativeSearchSpace(Study study, FrozenTrial trial) {
        if (!settings.multivariate()) {
            return Map.of();
        }
        return IntersectionSearchSpace.of(study.trials(), true);
    }

    @Override
    public Map<String, Double> sampleRelative(Study study, FrozenTrial trial, Map<String, Distribution> searchSpace) {
        List<FrozenTrial> trials = study.trials();
        if (finished(trials) < settings.nStartupTrials() || searchSpace.isEmpty()) {
            return Map.of();
        }
        List<String> names = new ArrayList<>(searchSpace.keySet());
        double[] best = sample(study, trial, trials, names, searchSpace, "relative");
        Map<String, Double> out = new LinkedHashMap<>();
        for (int j = 0; j < names.size(); j++) {
            out.put(names.get(j), best[j]);
        }
        return out;
    }

    @Override
    public double sampleIndependent(Study study, FrozenTrial trial, String name, Distribution distribution) {
        List<FrozenTrial> trials = study.trials();
        if (finished(trials) < settings.nStartupTrials()) {
            return random.sampleIndependent(study, trial, name, distribution);
        }
        return sample(study, trial, trials, List.of(name), Map.of(name, distribution), name)[0];
    }

    private double[] sample(Study study, FrozenTrial trial, List<FrozenTrial> trials, List<String> names,
                            Map<String, Distribution> space, String purpose) {
        TpeSplit split = split(study, trial, trials);
        ParzenEstimator.Dimension[] dims = new ParzenEstimator.Dimension[names.size()];
        for (int j = 0; j < dims.length; j++) {
            dims[j] = dimension(space.get(names.get(j)));
        }
        ParzenEstimator below = estimator(dims, split.below(), names, space);
        ParzenEstimator above = estimator(dims, split.above(), names, space);
        SplittableRandom rng = SeededRandom.of(seed, trial.number(), "tpe:" + purpose);
        double[][] candidates = below.sample(rng, settings.nEiCandidates());
        double[] l = below.logPdf(candidates);
        double[] g = above.logPdf(candidates);
        int bestIdx = 0;
        for (int i = 1; i < candidates.length; i++) {
            if (l[i] - g[i] > l[bestIdx] - g[bestIdx]) {
                bestIdx = i;
            }
        }
        double[] out = new double[dims.length];
        for (int j = 0; j < dims.length; j++) {
            out[j] = toInternal(space.get(names.get(j)), candidates[bestIdx][j]);
        }
        return out;
    }

    /**
     * The split for this trial, computed once for all its suggestions while the trials it is made
     * from stay the same (the cache key counts them by state).
     */
    private TpeSplit split(Study study, FrozenTrial trial, List<FrozenTrial> trials) {
        long finished = 0;
        long running = 0;
        for (FrozenTrial t : trials) {
            if (t.state() == TrialState.COMPLETE || t.state() == TrialState.PRUNED) {
                finished++;
            } else if (t.state() == TrialState.RUNNING) {
                running++;
            }
        }
        String key = study.id() + ":" + trial.id() + ":" + trials.size() + ":" + finished + ":"
                + (settings.constantLiar() ? running : 0);
        synchronized (this) {
            if (key.equals(cachedSplitKey)) {
                return cachedSplit;
            }
        }
        TpeSplit split = TpeSplit.of(trials, trial.id(), study.directions(), settings.constantLiar());
        synchronized (this) {
            cachedSplitKey = key;
            cachedSplit = split;
        }
        return split;
    }

    private ParzenEstimator estimator(ParzenEstimator.Dimension[] dims, List<FrozenTrial> trials,
                                      List<String> names, Map<String, Distribution> space) {
        int d = names.size();
        double[][] columns = new double[d][trials.size()];
        String[] keys = names.toArray(new String[0]);
        Distribution[] dists = new Distribution[d];
        for (int k = 0; k < d; k++) {
            dists[k] = space.get(keys[k]);
        }
        int n = 0;
        for (FrozenTrial t : trials) {
            boolean has = true;
            for (int k = 0; k < d && has; k++) {
                Double v = t.internalParams().get(keys[k]);
                has = v != null && dists[k].equals(t.distributions().get(keys[k]));
                if (has) {
                    columns[k][n] = toSampling(dists[k], v);
                }
            }
            if (has) {
                n++;
            }
        }
        return ParzenEstimator.ofColumns(dims, columns, n, TpeSettings.weights(n), settings.priorWeight(),
                settings.multivariate(), settings.magicClip());
    }

    private static int finished(List<FrozenTrial> trials) {
        int n = 0;
        for (FrozenTrial t : trials) {
            if (t.state() == TrialState.COMPLETE || t.state() == TrialState.PRUNED) {
                n++;
            }
        }
        return n;
    }

    static ParzenEstimator.Dimension dimension(Distribution d) {
        if (d instanceof CategoricalDistribution c) {
            return ParzenEstimator.Dimension.categorical(c.choices().size());
        }
        if (d instanceof FloatDistribution f) {
            if (f.log()) {
                return ParzenEstimator.Dimension.numeric(Math.log(f.low()), Math.log(f.high()));
            }
            if (f.step() != null) {
                return ParzenEstimator.Dimension.discrete(f.low() - f.step() / 2, f.high() + f.step() / 2, f.step());
            }
            return ParzenEstimator.Dimension.numeric(f.low(), f.high());
        }
        IntDistribution i = (IntDistribution) d;
        if (i.log()) {
            return ParzenEstimator.Dimension.numeric(Math.log(i.low() - 0.5), Math.log(i.high() + 0.5));
        }
        return ParzenEstimator.Dimension.discrete(i.low() - i.step() / 2.0, i.high() + i.step() / 2.0, i.step());
    }

    static double toSampling(Distribution d, double internal) {
        boolean log = d instanceof FloatDistribution f ? f.log() : d instanceof IntDistribution i && i.log();
        return log ? Math.log(internal) : internal;
    }

    static double toInternal(Distribution d, double x) {
        if (d instanceof CategoricalDistribution) {
            return x;
        }
        boolean log = d instanceof FloatDistribution f ? f.log() : ((IntDistribution) d).log();
        double v = log ? Math.exp(x) : x;
        return d.toInternal(d.toExternal(v));
    }
}
