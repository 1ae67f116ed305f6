package dev.netloom.hpo.pruner;

import dev.netloom.hpo.FrozenTrial;
import dev.netloom.hpo.Study;
import dev.netloom.hpo.StudyDirection;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Asynchronous Successive Halving (ASHA, Li et al. 2020), as in Optuna. Rung k is reached at step
 * {@code minResource · η^(minEarlyStoppingRate + k)}. When a trial reaches a rung it records its
 * value there ({@code <prefix>completed_rung_k}) and continues only if it is in the top 1/η of all
 * trials that reached that rung so far; there is no waiting for a full rung.
 */
public final class SuccessiveHalvingPruner implements Pruner {

    private final int minResource;
    private final int reductionFactor;
    private final int minEarlyStoppingRate;
    private final String attrPrefix;
    private final Predicate<FrozenTrial> competes;

    /** ASHA with Optuna's defaults apart from the explicit minimum resource: η = 4, rate 0. */
    public SuccessiveHalvingPruner(int minResource) {
        this(minResource, 4, 0);
    }

    public SuccessiveHalvingPruner(int minResource, int reductionFactor, int minEarlyStoppingRate) {
        this(minResource, reductionFactor, minEarlyStoppingRate, "", t -> true);
    }

    /** For Hyperband: rung attributes under a prefix, competing only with trials of one bracket. */
    SuccessiveHalvingPruner(int minResource, int reductionFactor, int minEarlyStoppingRate, String attrPrefix,
                            Predicate<FrozenTrial> competes) {
        if (minResource < 1 || reductionFactor < 2 || minEarlyStoppingRate < 0) {
            throw new IllegalArgumentException("need minResource >= 1, reductionFactor >= 2, minEarlyStoppingRate >= 0");
        }
        this.minResource = minResource;
        this.reductionFactor = reductionFactor;
        this.minEarlyStoppingRate = minEarlyStoppingRate;
        this.attrPrefix = attrPrefix;
        this.competes = competes;
    }

    @Override
    public boolean prune(Study study, FrozenTrial trial) {
        if (trial.intermediateValues().isEmpty()) {
            return false;
        }
        int step = trial.intermediateValues().lastKey();
        double value = trial.lastIntermediateValue();
        if (Double.isNaN(value)) {
            return true;
        }
        StudyDirection direction = study.direction();
        List<FrozenTrial> all = null;
        for (int rung = firstUnrecordedRung(trial); ; rung++) {
            long rungStep = (long) minResource * pow(reductionFactor, minEarlyStoppingRate + rung);
            if (step < rungStep) {
                return false;
            }
            String key = attrPrefix + "completed_rung_" + rung;
            study.setTrialSystemAttr(trial.id(), key, Double.toString(value));
            if (all == null) {
                all = study.trials();
            }
            List<Double> competing = new ArrayList<>();
            for (FrozenTrial t : all) {
                String v = t.id() == trial.id() ? null : t.systemAttrs().get(key);
                if (v != null && competes.test(t)) {
                    competing.add(Double.parseDouble(v));
                }
            }
            competing.add(value);
            if (!promotable(value, competing, direction)) {
                return true;
            }
        }
    }

    private int firstUnrecordedRung(FrozenTrial trial) {
        int rung = 0;
        while (trial.systemAttrs().containsKey(attrPrefix + "completed_rung_" + rung)) {
            rung++;
        }
        return rung;
    }

    /** Whether the value is within the top 1/η of the rung (at least the best one is). */
    private boolean promotable(double value, List<Double> competing, StudyDirection direction) {
        List<Double> losses = new ArrayList<>();
        for (double v : competing) {
            losses.add(direction.toLoss(v));
        }
        losses.sort(Double::compare);
        int idx = Math.max(0, losses.size() / reductionFactor - 1);
        return direction.toLoss(value) <= losses.get(idx);
    }

    private static long pow(int base, int exp) {
        long r = 1;
        for (int i = 0; i < exp; i++) {
            r *= base;
        }
        return r;
    }
}
