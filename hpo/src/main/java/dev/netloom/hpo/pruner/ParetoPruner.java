package dev.netloom.hpo.pruner;

import dev.netloom.hpo.FrozenTrial;
import dev.netloom.hpo.Study;
import dev.netloom.hpo.StudyDirection;
import dev.netloom.hpo.Trial;
import dev.netloom.hpo.TrialState;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Pruning for several objectives: stops a trial that a finished trial already beat on every
 * objective at the same step. It fits the common case of a search that trades a learnt objective
 * against costs known before training — accuracy against latency on a device, parameters or
 * multiply-adds: the first objective is reported per step ({@link Trial#report}), the others once,
 * before training, with {@link #recordKnownValues}.
 *
 * <p>At step s a trial is the point (its report at s, its known values); a COMPLETE trial that
 * meets its constraints is the point (its report at s, its final values of the other objectives).
 * The trial is pruned when at least {@code nDominators} such points dominate it — some finished
 * trial was at least as good at this point of training and at least as cheap, and better in one.
 * Nothing is pruned before {@code nStartupTrials} trials completed or before step
 * {@code nWarmupSteps}, nor a trial that recorded no known values.
 */
public final class ParetoPruner implements Pruner {

    /** System attribute holding a trial's known values of objectives 2..k, comma-separated. */
    public static final String KNOWN_VALUES = "pareto_pruner:known_values";

    private final int nStartupTrials;
    private final int nWarmupSteps;
    private final int nDominators;

    /**
     * @param nStartupTrials completed trials needed before pruning
     * @param nWarmupSteps   steps before which a trial is never pruned
     * @param nDominators    finished trials that must dominate the trial at its step
     */
    public ParetoPruner(int nStartupTrials, int nWarmupSteps, int nDominators) {
        if (nStartupTrials < 0 || nWarmupSteps < 0 || nDominators < 1) {
            throw new IllegalArgumentException("need nStartupTrials >= 0, nWarmupSteps >= 0, nDominators >= 1");
        }
        this.nStartupTrials = nStartupTrials;
        this.nWarmupSteps = nWarmupSteps;
        this.nDominators = nDominators;
    }

    /** 5 startup trials (as the median pruner), no warm-up, one dominating trial. */
    public ParetoPruner() {
        this(5, 0, 1);
    }

    /**
     * Records a trial's values of objectives 2..k, known before it trains (its latency, its size),
     * for this pruner. Call before the first {@link Trial#report}.
     */
    public static void recordKnownValues(Trial trial, double... values) {
        StringBuilder text = new StringBuilder();
        for (double v : values) {
            if (Double.isNaN(v)) {
                throw new IllegalArgumentException("a known objective value is a number, got NaN");
            }
            text.append(text.length() > 0 ? "," : "").append(Double.toString(v));
        }
        trial.study().setTrialSystemAttr(trial.id(), KNOWN_VALUES, text.toString());
    }

    @Override
    public boolean judgesSeveralObjectives() {
        return true;
    }

    @Override
    public boolean prune(Study study, FrozenTrial trial) {
        List<StudyDirection> dirs = study.directions();
        if (dirs.size() < 2) {
            throw new IllegalStateException(String.format(Locale.ROOT,
                    "the Pareto pruner is for several objectives; study '%s' has one (use the median pruner)", study.name()));
        }
        if (trial.intermediateValues().isEmpty()) {
            return false;
        }
        int step = trial.intermediateValues().lastKey();
        String known = trial.systemAttrs().get(KNOWN_VALUES);
        if (step < nWarmupSteps || known == null) {
            return false;
        }
        double[] point = point(trial.intermediateValues().get(step), known.split(","), dirs);
        if (point == null) {
            return false;
        }
        List<FrozenTrial> complete = new ArrayList<>();
        for (FrozenTrial t : study.trials(TrialState.COMPLETE)) {
            if (t.isFeasible() && t.values().size() == dirs.size()) {
                complete.add(t);
            }
        }
        if (complete.size() < nStartupTrials) {
            return false;
        }
        int dominators = 0;
        for (FrozenTrial t : complete) {
            Double atStep = t.intermediateValues().get(step);
            if (atStep == null || atStep.isNaN()) {
                continue;
            }
            double[] other = new double[dirs.size()];
            other[0] = dirs.get(0).toLoss(atStep);
            for (int k = 1; k < dirs.size(); k++) {
                other[k] = dirs.get(k).toLoss(t.values().get(k));
            }
            if (dominates(other, point) && ++dominators >= nDominators) {
                return true;
            }
        }
        return false;
    }

    /** The trial's losses at a step, or null if its known values do not fit the study. */
    private static double[] point(double report, String[] known, List<StudyDirection> dirs) {
        if (known.length != dirs.size() - 1 || Double.isNaN(report)) {
            return null;
        }
        double[] p = new double[dirs.size()];
        p[0] = dirs.get(0).toLoss(report);
        for (int k = 1; k < p.length; k++) {
            p[k] = dirs.get(k).toLoss(Double.parseDouble(known[k - 1]));
        }
        return p;
    }

    private static boolean dominates(double[] a, double[] b) {
        boolean better = false;
        for (int k = 0; k < a.length; k++) {
            if (a[k] > b[k]) {
                return false;
            }
            better |= a[k] < b[k];
        }
        return better;
    }
}
