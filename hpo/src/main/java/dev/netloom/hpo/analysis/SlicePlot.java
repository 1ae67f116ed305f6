package dev.netloom.hpo.analysis;

import dev.netloom.hpo.FrozenTrial;
import dev.netloom.hpo.TrialState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The data of the slice plot: for each parameter, the value of every COMPLETE trial against the
 * parameter's value.
 *
 * @param slices parameter → points, by trial number
 */
public record SlicePlot(Map<String, List<Point>> slices) {

    /** One trial in one slice. */
    public record Point(int number, Object param, double value) {
    }

    public SlicePlot {
        slices = Map.copyOf(slices);
    }

    public static SlicePlot of(List<FrozenTrial> trials, int target) {
        Map<String, List<Point>> out = new TreeMap<>();
        for (FrozenTrial t : trials) {
            if (t.state() == TrialState.COMPLETE) {
                t.params().forEach((name, v) -> out.computeIfAbsent(name, k -> new ArrayList<>())
                        .add(new Point(t.number(), v, t.values().get(target))));
            }
        }
        out.replaceAll((k, v) -> List.copyOf(v));
        return new SlicePlot(out);
    }
}
