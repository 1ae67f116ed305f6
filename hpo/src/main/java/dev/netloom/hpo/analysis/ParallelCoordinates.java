package dev.netloom.hpo.analysis;

import dev.netloom.hpo.FrozenTrial;
import dev.netloom.hpo.TrialState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The data of the parallel-coordinates plot: one axis per parameter, one line per COMPLETE trial.
 *
 * @param params the axes, sorted by name
 * @param lines  by trial number; a line lacks the parameters its trial did not suggest
 */
public record ParallelCoordinates(List<String> params, List<Line> lines) {

    /** One trial's parameters and value. */
    public record Line(int number, Map<String, Object> params, double value) {
    }

    public ParallelCoordinates {
        params = List.copyOf(params);
        lines = List.copyOf(lines);
    }

    public static ParallelCoordinates of(List<FrozenTrial> trials, int target) {
        TreeSet<String> names = new TreeSet<>();
        List<Line> lines = new ArrayList<>();
        for (FrozenTrial t : trials) {
            if (t.state() == TrialState.COMPLETE) {
                names.addAll(t.internalParams().keySet());
                lines.add(new Line(t.number(), t.params(), t.values().get(target)));
            }
        }
        return new ParallelCoordinates(new ArrayList<>(names), lines);
    }
}
