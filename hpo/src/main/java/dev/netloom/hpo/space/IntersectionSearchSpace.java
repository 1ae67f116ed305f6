package dev.netloom.hpo.space;

import dev.netloom.hpo.FrozenTrial;
import dev.netloom.hpo.TrialState;
import dev.netloom.hpo.distribution.Distribution;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The parameters every finished trial has, with one distribution: what relative samplers can
 * sample jointly. Parameters only some trials have (conditional spaces) are left to independent
 * sampling.
 */
public final class IntersectionSearchSpace {

    private IntersectionSearchSpace() {
    }

    /** The intersection over COMPLETE trials (and PRUNED ones if asked), sorted by name. */
    public static TreeMap<String, Distribution> of(List<FrozenTrial> trials, boolean includePruned) {
        TreeMap<String, Distribution> space = null;
        for (FrozenTrial t : trials) {
            if (t.state() != TrialState.COMPLETE && !(includePruned && t.state() == TrialState.PRUNED)) {
                continue;
            }
            if (space == null) {
                space = new TreeMap<>(t.distributions());
            } else {
                space.entrySet().removeIf(e -> !Objects.equals(t.distributions().get(e.getKey()), e.getValue()));
            }
        }
        if (space == null) {
            return new TreeMap<>();
        }
        space.values().removeIf(Distribution::isSingle);
        return space;
    }

    /** The same, as a plain map. */
    public static Map<String, Distribution> complete(List<FrozenTrial> trials) {
        return of(trials, false);
    }
}
