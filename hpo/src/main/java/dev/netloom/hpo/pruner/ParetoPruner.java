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
 * Pruning for several objectives: stops a trial that can no longer reach the Pareto front. It fits
 * the common case of a search that trades a learnt objective against costs known before training —
 * accuracy against latency on a device, parameters or multiply-adds: the first objective is
 * reported per step ({@link Trial#report}), the others once, before training, with
 * {@link #recordKnownValues}.
 *
 * <p>Two ways to judge a trial at step s ({@link Judgement}):
 * <ul>
 *   <li>{@link Judgement#EXTRAPOLATED} (the default): the trial is the point (its optimistic final
 *       value, its known values) — its best report so far plus the largest gain any complete trial
 *       made from step s to its end ({@link CurveExtrapolation}); a COMPLETE trial that meets its
 *       constraints is the point of its final values. A trial is pruned when even its extrapolated
 *       curve ends dominated by a finished trial.</li>
 *   <li>{@link Judgement#SAME_STEP}: the trial is the point (its report at s, its known values), a
 *       complete trial the point (its report at s, its other final values) — beaten at the same
 *       point of training. Eager on curves that sit flat and then jump.</li>
 * </ul>
 * The trial is pruned when at least {@code nDominators} finished trials dominate it (as good or
 * better on every objective, better on one). Nothing is pruned before {@code nStartupTrials} trials
 * completed or before step {@code nWarmupSteps}, nor a trial that recorded no known values.
 */
public final class ParetoPruner implements Pruner {

    /** System attribute holding a trial's known values of objectives 2..k, comma-separated. */
    public static final String KNOWN_VALUES = "pareto_pruner:known_values";

    /** How a running trial's learnt objective is compared with finished trials. */
    public enum Judgement {
        /** Its best report so far plus the largest late gain of a complete trial, against final values. */
        EXTRAPOLATED,
        /** Its report at the step, against complete trials' reports at the same step. */
        SAME_STEP
    }

    private final int nStartupTrials;
    private final int nWarmupSteps;
    private final int nDominators;
    private final Judgement judgement;

    /**
     * @param nStartupTrials completed trials needed before pruning
     * @param nWarmupSteps   steps before which a trial is never pruned
     * @param nDominators    finished trials that must dominate the trial at its step
     * @param judgement      extrapolated final values or values at the same step
     */
    public ParetoPruner(int nStartupTrials, int nWarmupSteps, int nDominators, Judgement judgement) {
        if (nStartupTrials < 0 || nWarmupSteps < 0 || nDominators < 1 || judgement == null) {
            throw new IllegalArgumentException(
                    "need nStartupTrials >= 0, nWarmupSteps >= 0, nDominators >= 1 and a judgement");
        }
        this.nStartupTrials = nStartupTrials;
        this.nWarmupSteps = nWarmupSteps;
        this.nDominators = nDominators;
        this.judgement = judgement;
    }

    /** Judging {@link Judgement#EXTRAPOLATED extrapolated} curves. */
    public ParetoPruner(int nStartupTrials, int nWarmupSteps, int nDominators) {
        this(nStartupTrials, nWarmupSteps, nDominators, Judgement.EXTRAPOLATED);
    }

    /** 5 startup trials (as the median pruner), no warm-up, one dominating trial, extrapolated curves. */
    public ParetoPruner() {
        this(5, 0, 1);
    }

    /** Judging at the {@link Judgement#SAME_STEP same step}, the first version of this pruner. */
    public static ParetoPruner sameStep(int nStartupTrials, int nWarmupSteps, int nDominators) {
        return new ParetoPruner(nStartupTrials, nWarmupSteps, nDominators, Judgement.SAME_STEP);
    }

    public Judgement judgement() {
        return judgement;
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
        List<FrozenTrial> complete = new ArrayList<>();
        for (FrozenTrial t : study.trials(TrialState.COMPLETE)) {
            if (t.isFeasible() && t.values().size() == dirs.size()) {
                complete.add(t);
            }
        }
        if (complete.size() < nStartupTrials) {
            return false;
        }
        double learnt;
        if (judgement == Judgement.SAME_STEP) {
            learnt = dirs.get(0).toLoss(trial.intermediateValues().get(step));
        } else {
            double best = CurveExtrapolation.bestLossUpTo(trial.intermediateValues(), step, dirs.get(0));
            learnt = CurveExtrapolation.optimisticFinalLoss(best, step, complete, dirs.get(0));
        }
        double[] point = point(learnt, known.split(","), dirs);
        if (point == null) {
            return false;
        }
        int dominators = 0;
        for (FrozenTrial t : complete) {
            Double atStep = judgement == Judgement.SAME_STEP ? t.intermediateValues().get(step) : t.values().get(0);
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

    /** The trial's losses (the learnt one given as a loss), or null if its known values do not fit the study. */
    private static double[] point(double learntLoss, String[] known, List<StudyDirection> dirs) {
        if (known.length != dirs.size() - 1 || Double.isNaN(learntLoss)) {
            return null;
        }
        double[] p = new double[dirs.size()];
        p[0] = learntLoss;
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
