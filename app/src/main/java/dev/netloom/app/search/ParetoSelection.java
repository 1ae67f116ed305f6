package dev.netloom.app.search;

import dev.netloom.hpo.FrozenTrial;
import dev.netloom.hpo.StudyDirection;
import dev.netloom.hpo.TrialState;
import dev.netloom.hpo.analysis.ParetoFront;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The trials of a two-objective study that no other trial beats on both objectives, ordered by
 * the first objective (best accuracy first), and which of them "Apply" takes: the one the person
 * selected when it is on the front, else the most accurate one.
 *
 * @param directions the study's directions
 * @param front the Pareto-optimal COMPLETE trials, best first objective first
 */
public record ParetoSelection(List<StudyDirection> directions, List<FrozenTrial> front) {

    public ParetoSelection {
        directions = List.copyOf(directions);
        front = List.copyOf(front);
    }

    /** The front of the COMPLETE trials among {@code trials}. */
    public static ParetoSelection of(List<FrozenTrial> trials, List<StudyDirection> directions) {
        List<FrozenTrial> complete = trials.stream().filter(t -> t.state() == TrialState.COMPLETE).toList();
        StudyDirection first = directions.get(0);
        Comparator<FrozenTrial> byFirst = Comparator.comparingDouble(t -> t.values().get(0));
        List<FrozenTrial> front = ParetoFront.of(complete, directions).stream()
                .sorted(first == StudyDirection.MAXIMIZE ? byFirst.reversed() : byFirst).toList();
        return new ParetoSelection(directions, front);
    }

    /** Whether a trial is on the front. */
    public boolean contains(int trialNumber) {
        return front.stream().anyMatch(t -> t.number() == trialNumber);
    }

    /**
     * The trial to apply: {@code selected} when it is on the front, else the front's best by the
     * first objective; empty while no trial is complete.
     */
    public Optional<FrozenTrial> choose(Integer selected) {
        if (selected != null) {
            Optional<FrozenTrial> hit = front.stream().filter(t -> t.number() == selected).findFirst();
            if (hit.isPresent()) {
                return hit;
            }
        }
        return front.stream().findFirst();
    }
}
