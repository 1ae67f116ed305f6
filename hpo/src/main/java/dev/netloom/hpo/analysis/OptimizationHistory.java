package dev.netloom.hpo.analysis;

import dev.netloom.hpo.FrozenTrial;
import dev.netloom.hpo.StudyDirection;
import dev.netloom.hpo.TrialState;
import java.util.ArrayList;
import java.util.List;

/**
 * The data of the optimization-history plot: each COMPLETE trial's value and the best so far.
 *
 * @param points by trial number
 */
public record OptimizationHistory(List<Point> points) {

    /** One trial: its number, its value and the best value up to it. */
    public record Point(int number, double value, double bestSoFar) {
    }

    public OptimizationHistory {
        points = List.copyOf(points);
    }

    /** The history of objective {@code target}. */
    public static OptimizationHistory of(List<FrozenTrial> trials, StudyDirection direction, int target) {
        List<Point> out = new ArrayList<>();
        double best = Double.NaN;
        for (FrozenTrial t : trials) {
            if (t.state() != TrialState.COMPLETE) {
                continue;
            }
            double v = t.values().get(target);
            if (Double.isNaN(best) || direction.isBetter(v, best)) {
                best = v;
            }
            out.add(new Point(t.number(), v, best));
        }
        return new OptimizationHistory(out);
    }
}
