package dev.netloom.hpo.analysis;

import dev.netloom.hpo.FrozenTrial;
import dev.netloom.hpo.TrialState;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;

/**
 * The data of the intermediate-values plot: each trial's learning curve and how it ended.
 *
 * @param curves one per trial that reported, by number
 */
public record IntermediateValues(List<Curve> curves) {

    /** One trial's reports. */
    public record Curve(int number, TrialState state, SortedMap<Integer, Double> values) {
    }

    public IntermediateValues {
        curves = List.copyOf(curves);
    }

    public static IntermediateValues of(List<FrozenTrial> trials) {
        List<Curve> out = new ArrayList<>();
        for (FrozenTrial t : trials) {
            if (!t.intermediateValues().isEmpty()) {
                out.add(new Curve(t.number(), t.state(), t.intermediateValues()));
            }
        }
        return new IntermediateValues(out);
    }
}
