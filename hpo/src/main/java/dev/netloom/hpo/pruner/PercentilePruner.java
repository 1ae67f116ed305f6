package dev.netloom.hpo.pruner;

import dev.netloom.hpo.FrozenTrial;
import dev.netloom.hpo.Study;
import dev.netloom.hpo.StudyDirection;
import dev.netloom.hpo.TrialState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Prunes a trial whose best intermediate value so far is worse than the given percentile of the
 * values other COMPLETE trials reported at the same step (Optuna's {@code PercentilePruner}). The
 * median pruner is this with 50. Nothing is pruned before {@code nStartupTrials} trials completed,
 * before step {@code nWarmupSteps}, or off the {@code intervalSteps} grid. A NaN report is pruned.
 */
public final class PercentilePruner implements Pruner {

    private final double percentile;
    private final int nStartupTrials;
    private final int nWarmupSteps;
    private final int intervalSteps;
    private final int nMinTrials;

    /**
     * @param percentile     in [0, 100]; for maximizing the comparison mirrors it (100 - p)
     * @param nStartupTrials completed trials needed before pruning (Optuna: 5)
     * @param nWarmupSteps   steps before which a trial is never pruned
     * @param intervalSteps  check only every this many steps after the warm-up
     * @param nMinTrials     trials that must have reported at the step for a comparison
     */
    public PercentilePruner(double percentile, int nStartupTrials, int nWarmupSteps, int intervalSteps, int nMinTrials) {
        if (percentile < 0 || percentile > 100 || nStartupTrials < 0 || nWarmupSteps < 0 || intervalSteps < 1
                || nMinTrials < 1) {
            throw new IllegalArgumentException("need 0 <= percentile <= 100, nStartupTrials >= 0, nWarmupSteps >= 0, "
                    + "intervalSteps >= 1, nMinTrials >= 1");
        }
        this.percentile = percentile;
        this.nStartupTrials = nStartupTrials;
        this.nWarmupSteps = nWarmupSteps;
        this.intervalSteps = intervalSteps;
        this.nMinTrials = nMinTrials;
    }

    /** Percentile pruning with Optuna's defaults: 5 startup trials, no warm-up, every step. */
    public PercentilePruner(double percentile) {
        this(percentile, 5, 0, 1, 1);
    }

    /** The median pruner with Optuna's defaults. */
    public static PercentilePruner median() {
        return new PercentilePruner(50);
    }

    /** The median pruner with a warm-up. */
    public static PercentilePruner median(int nStartupTrials, int nWarmupSteps) {
        return new PercentilePruner(50, nStartupTrials, nWarmupSteps, 1, 1);
    }

    @Override
    public boolean prune(Study study, FrozenTrial trial) {
        if (trial.intermediateValues().isEmpty()) {
            return false;
        }
        int step = trial.intermediateValues().lastKey();
        if (step < nWarmupSteps || (step - nWarmupSteps) % intervalSteps != 0) {
            return false;
        }
        List<FrozenTrial> complete = study.trials(TrialState.COMPLETE);
        if (complete.size() < nStartupTrials) {
            return false;
        }
        StudyDirection direction = study.direction();
        double best = bestSoFar(trial.intermediateValues(), direction);
        if (Double.isNaN(best)) {
            return true;
        }
        List<Double> others = new ArrayList<>();
        for (FrozenTrial t : complete) {
            Double v = t.intermediateValues().get(step);
            if (v != null && !Double.isNaN(v)) {
                others.add(v);
            }
        }
        if (others.size() < nMinTrials) {
            return false;
        }
        double p = direction == StudyDirection.MAXIMIZE ? 100 - percentile : percentile;
        double threshold = percentileOf(others, p);
        return direction == StudyDirection.MINIMIZE ? best > threshold : best < threshold;
    }

    private static double bestSoFar(Map<Integer, Double> values, StudyDirection direction) {
        double best = Double.NaN;
        for (double v : values.values()) {
            if (!Double.isNaN(v) && (Double.isNaN(best) || direction.isBetter(v, best))) {
                best = v;
            }
        }
        return best;
    }

    /** numpy.percentile with linear interpolation. */
    static double percentileOf(List<Double> values, double p) {
        double[] a = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(a);
        double rank = p / 100 * (a.length - 1);
        int lo = (int) Math.floor(rank);
        int hi = (int) Math.ceil(rank);
        return a[lo] + (a[hi] - a[lo]) * (rank - lo);
    }
}
