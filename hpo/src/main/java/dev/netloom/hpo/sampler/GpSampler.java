package dev.netloom.hpo.sampler;

import dev.netloom.hpo.FrozenTrial;
import dev.netloom.hpo.Study;
import dev.netloom.hpo.StudyDirection;
import dev.netloom.hpo.TrialState;
import dev.netloom.hpo.distribution.Distribution;
import dev.netloom.hpo.space.IntersectionSearchSpace;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Gaussian-process Bayesian optimisation, for searches that can afford tens of trials, not
 * thousands: each trial fits a {@link GaussianProcess} (Matérn 5/2, ARD length scales, MAP
 * hyperparameters) to the finished trials and takes the point that maximises log expected
 * improvement ({@link LogEi}), found by {@link AcquisitionSearch}.
 *
 * <ul>
 *   <li><b>Space.</b> The parameters every finished trial has ({@link GpSpace}: log ranges in log
 *       space, integers and steps snapped to their grid, categories one-hot); other (conditional)
 *       parameters take their trial's next Sobol coordinate ({@link SobolSampler}).</li>
 *   <li><b>Start.</b> The first {@link GpSettings#nStartupTrials()} trials follow a scrambled Sobol
 *       sequence ({@link SobolSampler}; the very first trial is random), by suggestion order, so
 *       parallel workers get the same startup trials as one worker.</li>
 *   <li><b>Several objectives</b> (ParEGO, Knowles 2006): each trial draws a weight vector λ
 *       uniformly from the simplex (from the seed and its number), scales every objective's losses
 *       to [0, 1] over the complete trials, and models the augmented Chebyshev scalarisation
 *       {@code max_k λ_k f_k + 0.05 Σ_k λ_k f_k}; different weights pull different trials towards
 *       different parts of the Pareto front.</li>
 *   <li><b>Constraints</b> ({@code Trial.reportConstraints}, ≤ 0 met): one more model per constraint,
 *       fitted on every trial that reported it — also PRUNED and FAIL trials, so a trial stopped
 *       before training because it broke a constraint still teaches where the feasible region is.
 *       The acquisition is log EI (against the best feasible trial) plus the log probability that
 *       every constraint is met; while no trial is feasible, the probability alone.</li>
 *   <li><b>Parallel workers</b>: trials still running count as observed at the model's mean (the
 *       kriging believer), so workers asking at once get different points.</li>
 * </ul>
 *
 * <p>Pruned trials do not train the objective model (their value is a partial run's). Every
 * random choice comes from the seed and the trial number, so the same seed and the same finished
 * trials give the same point, in any process; there is no state besides the trials.
 */
public final class GpSampler implements Sampler {

    private static final double PAREGO_RHO = 0.05;

    private final GpSettings settings;
    private final long seed;
    private final SobolSampler sobol;

    /** GP sampling with {@link GpSettings#defaults()}. */
    public GpSampler(long seed) {
        this(GpSettings.defaults(), seed);
    }

    public GpSampler(GpSettings settings, long seed) {
        this.settings = settings;
        this.seed = seed;
        this.sobol = new SobolSampler(seed);
    }

    public GpSettings settings() {
        return settings;
    }

    @Override
    public Map<String, Distribution> inferRelativeSearchSpace(Study study, FrozenTrial trial) {
        return IntersectionSearchSpace.of(study.trials(), true);
    }

    @Override
    public Map<String, Double> sampleRelative(Study study, FrozenTrial trial, Map<String, Distribution> searchSpace) {
        if (searchSpace.isEmpty()) {
            return Map.of();
        }
        List<FrozenTrial> trials = study.trials();
        int finished = 0;
        for (FrozenTrial t : trials) {
            if (t.state() == TrialState.COMPLETE || t.state() == TrialState.PRUNED) {
                finished++;
            }
        }
        if (finished < settings.nStartupTrials()) {
            return Map.of(); // Sobol, per parameter (sampleIndependent)
        }
        GpSpace space = new GpSpace(searchSpace);
        Data data = Data.of(trials, trial, space, study.directions());
        if (data.objectiveX.size() < 2 && data.constraintX.size() < 2) {
            return Map.of(); // Sobol, per parameter (sampleIndependent)
        }
        SplittableRandom rng = SeededRandom.of(seed, trial.number(), "gp");
        double[] losses = data.losses(rng);

        Model objective = null;
        double best = Double.NaN;
        if (data.objectiveX.size() >= 2) {
            objective = Model.fit(data.objectiveX, losses, space, rng, settings);
            for (int i = 0; i < losses.length; i++) {
                if (data.objectiveFeasible.get(i)) {
                    double z = objective.standardise(losses[i]);
                    best = Double.isNaN(best) ? z : Math.min(best, z);
                }
            }
            if (settings.krigingBeliever() && !data.running.isEmpty()) {
                objective = objective.believing(data.running);
            }
        }
        List<Model> constraints = new ArrayList<>();
        List<Double> thresholds = new ArrayList<>();
        if (data.constraintX.size() >= 2) {
            for (int k = 0; k < data.constraintCount; k++) {
                double[] c = new double[data.constraintX.size()];
                for (int i = 0; i < c.length; i++) {
                    c[i] = data.constraintValues.get(i)[k];
                }
                Model m = Model.fit(data.constraintX, c, space, rng, settings);
                constraints.add(m);
                thresholds.add(m.standardise(0));
            }
        }
        Model obj = objective;
        double bestFeasible = best;
        AcquisitionScore acquisition = point -> {
            double s = 0;
            if (obj != null && !Double.isNaN(bestFeasible)) {
                double[] mv = obj.gp.predict(point);
                s += LogEi.of(mv[0], Math.sqrt(mv[1]), bestFeasible);
            }
            for (int k = 0; k < constraints.size(); k++) {
                double[] mv = constraints.get(k).gp.predict(point);
                s += LogEi.logCdf((thresholds.get(k) - mv[0]) / Math.sqrt(mv[1]));
            }
            return s;
        };
        if (obj != null && Double.isNaN(bestFeasible) && constraints.isEmpty()) {
            return Map.of(); // Sobol, per parameter (sampleIndependent)
        }
        double[] x = AcquisitionSearch.maximize(space, acquisition::score, data.anchors(losses, 5), rng,
                settings.randomPoints(), settings.localStarts());
        Map<String, Double> out = new LinkedHashMap<>();
        for (int j = 0; j < space.size(); j++) {
            out.put(space.names().get(j), space.decode(j, x[j]));
        }
        return out;
    }

    @Override
    public double sampleIndependent(Study study, FrozenTrial trial, String name, Distribution distribution) {
        // Sobol by suggestion order: the startup trials do not depend on which trials had finished
        // when they started, so parallel workers get the startup design one worker gets.
        return sobol.sampleIndependent(study, trial, name, distribution);
    }

    private interface AcquisitionScore {
        double score(double[] point);
    }

    /** A fitted process with the standardisation of its targets. */
    private record Model(GaussianProcess gp, double mean, double scale) {
        static Model fit(List<double[]> x, double[] y, GpSpace space, SplittableRandom rng, GpSettings settings) {
            double mean = 0;
            for (double v : y) {
                mean += v;
            }
            mean /= y.length;
            double var = 0;
            for (double v : y) {
                var += (v - mean) * (v - mean);
            }
            double scale = Math.sqrt(var / y.length);
            if (!(scale > 1e-12)) {
                scale = 1;
            }
            double[] z = new double[y.length];
            for (int i = 0; i < y.length; i++) {
                z[i] = (y[i] - mean) / scale;
            }
            GaussianProcess gp = GaussianProcess.fit(x.toArray(new double[0][]), space.categorical(), z, rng,
                    settings.fitRestarts(), settings.fitEvaluations());
            return new Model(gp, mean, scale);
        }

        double standardise(double v) {
            return (v - mean) / scale;
        }

        Model believing(List<double[]> points) {
            return new Model(gp.believing(points), mean, scale);
        }
    }

    /** The finished trials as model inputs. */
    private static final class Data {
        final List<double[]> objectiveX = new ArrayList<>();
        final List<double[]> objectiveValues = new ArrayList<>();
        final List<Boolean> objectiveFeasible = new ArrayList<>();
        final List<double[]> constraintX = new ArrayList<>();
        final List<double[]> constraintValues = new ArrayList<>();
        final List<double[]> running = new ArrayList<>();
        int constraintCount;
        List<StudyDirection> directions;
        int trialNumber;

        static Data of(List<FrozenTrial> trials, FrozenTrial current, GpSpace space, List<StudyDirection> directions) {
            Data d = new Data();
            d.directions = directions;
            d.trialNumber = current.number();
            d.constraintCount = -1;
            for (FrozenTrial t : trials) {
                if (t.id() == current.id()) {
                    continue;
                }
                double[] x = space.encode(t.internalParams(), t.distributions());
                if (x == null) {
                    continue;
                }
                if (t.state() == TrialState.RUNNING) {
                    d.running.add(x);
                    continue;
                }
                if (t.state() == TrialState.WAITING) {
                    continue;
                }
                List<Double> c = t.constraints();
                if (!c.isEmpty()) {
                    if (d.constraintCount < 0) {
                        d.constraintCount = c.size();
                    }
                    if (c.size() == d.constraintCount) {
                        d.constraintX.add(x);
                        d.constraintValues.add(c.stream().mapToDouble(Double::doubleValue).toArray());
                    }
                }
                if (t.state() == TrialState.COMPLETE && t.values().size() == directions.size()) {
                    double[] loss = new double[directions.size()];
                    for (int k = 0; k < loss.length; k++) {
                        loss[k] = directions.get(k).toLoss(t.values().get(k));
                    }
                    if (allFinite(loss)) {
                        d.objectiveX.add(x);
                        d.objectiveValues.add(loss);
                        d.objectiveFeasible.add(t.isFeasible());
                    }
                }
            }
            d.constraintCount = Math.max(0, d.constraintCount);
            return d;
        }

        private static boolean allFinite(double[] v) {
            for (double x : v) {
                if (!Double.isFinite(x)) {
                    return false;
                }
            }
            return true;
        }

        /** One loss per complete trial: the loss itself, or the ParEGO scalarisation for several objectives. */
        double[] losses(SplittableRandom rng) {
            int n = objectiveValues.size();
            int m = directions.size();
            double[] out = new double[n];
            if (m == 1) {
                for (int i = 0; i < n; i++) {
                    out[i] = objectiveValues.get(i)[0];
                }
                return out;
            }
            double[] lambda = new double[m];
            double sum = 0;
            for (int k = 0; k < m; k++) {
                lambda[k] = -Math.log(1 - rng.nextDouble()); // exponentials, normalised: uniform on the simplex
                sum += lambda[k];
            }
            for (int k = 0; k < m; k++) {
                lambda[k] /= sum;
            }
            double[] lo = new double[m];
            double[] hi = new double[m];
            java.util.Arrays.fill(lo, Double.POSITIVE_INFINITY);
            java.util.Arrays.fill(hi, Double.NEGATIVE_INFINITY);
            for (double[] v : objectiveValues) {
                for (int k = 0; k < m; k++) {
                    lo[k] = Math.min(lo[k], v[k]);
                    hi[k] = Math.max(hi[k], v[k]);
                }
            }
            for (int i = 0; i < n; i++) {
                double max = Double.NEGATIVE_INFINITY;
                double total = 0;
                for (int k = 0; k < m; k++) {
                    double f = hi[k] > lo[k] ? (objectiveValues.get(i)[k] - lo[k]) / (hi[k] - lo[k]) : 0;
                    max = Math.max(max, lambda[k] * f);
                    total += lambda[k] * f;
                }
                out[i] = max + PAREGO_RHO * total;
            }
            return out;
        }

        /** The points of the best trials (feasible first, then by loss), to search near. */
        List<double[]> anchors(double[] losses, int count) {
            List<Integer> idx = new ArrayList<>();
            for (int i = 0; i < losses.length; i++) {
                idx.add(i);
            }
            idx.sort(Comparator.<Integer, Boolean>comparing(i -> !objectiveFeasible.get(i))
                    .thenComparingDouble(i -> losses[i]).thenComparingInt(i -> i));
            List<double[]> out = new ArrayList<>();
            for (int i = 0; i < Math.min(count, idx.size()); i++) {
                out.add(objectiveX.get(idx.get(i)));
            }
            if (out.isEmpty()) {
                // Only constraint data so far: search near the trials closest to feasible.
                List<Integer> c = new ArrayList<>();
                for (int i = 0; i < constraintX.size(); i++) {
                    c.add(i);
                }
                c.sort(Comparator.<Integer>comparingDouble(i -> violation(constraintValues.get(i))).thenComparingInt(i -> i));
                for (int i = 0; i < Math.min(count, c.size()); i++) {
                    out.add(constraintX.get(c.get(i)));
                }
            }
            return out;
        }

        private static double violation(double[] c) {
            double v = 0;
            for (double x : c) {
                v += Math.max(0, x);
            }
            return v;
        }
    }
}
