package dev.netloom.hpo.pruner;

import dev.netloom.hpo.FrozenTrial;
import dev.netloom.hpo.StudyDirection;
import java.util.List;
import java.util.Map;

/**
 * Where a learning curve may still go, judged from the curves of finished trials: a trial's
 * optimistic final loss is its best loss so far minus the largest gain any complete trial made from
 * the same step to its end (its final value against its best report up to that step). On a task
 * whose accuracy sits near chance for an epoch and then jumps, the jump another trial made is
 * credited to this one too, so it is not stopped for being early on the same curve; a trial that
 * stays behind even with the biggest late gain seen can no longer catch up.
 *
 * <p>Optimistic on purpose: pruning a trial that would have reached the front costs front quality,
 * which no time saved buys back; a trial spared by mistake costs only its remaining epochs.
 */
final class CurveExtrapolation {

    private CurveExtrapolation() {
    }

    /** The best loss among a trial's reports up to {@code step}, or NaN if it has none. */
    static double bestLossUpTo(Map<Integer, Double> reports, int step, StudyDirection direction) {
        double best = Double.NaN;
        for (Map.Entry<Integer, Double> e : reports.entrySet()) {
            if (e.getKey() <= step && e.getValue() != null && !e.getValue().isNaN()) {
                double loss = direction.toLoss(e.getValue());
                best = Double.isNaN(best) ? loss : Math.min(best, loss);
            }
        }
        return best;
    }

    /**
     * The optimistic final loss of a trial at {@code step} whose best loss so far is {@code bestLoss};
     * NaN when no complete trial reported by that step (nothing to extrapolate from).
     *
     * @param complete complete trials; their first value is the learnt objective's final value
     */
    static double optimisticFinalLoss(double bestLoss, int step, List<FrozenTrial> complete, StudyDirection direction) {
        double gain = Double.NaN;
        for (FrozenTrial t : complete) {
            double before = bestLossUpTo(t.intermediateValues(), step, direction);
            if (Double.isNaN(before) || t.values().isEmpty()) {
                continue;
            }
            double g = Math.max(0, before - direction.toLoss(t.values().get(0)));
            gain = Double.isNaN(gain) ? g : Math.max(gain, g);
        }
        return Double.isNaN(gain) ? Double.NaN : bestLoss - gain;
    }
}
