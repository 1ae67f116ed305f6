package dev.netloom.hpo.analysis;

import dev.netloom.hpo.FrozenTrial;
import dev.netloom.hpo.StudyDirection;
import java.util.ArrayList;
import java.util.List;

/**
 * Non-dominated sorting (Deb et al. 2002): trial a dominates b if it is no worse in every
 * objective and better in one. The Pareto front is the set nothing dominates.
 */
public final class ParetoFront {

    private ParetoFront() {
    }

    /** The trials no other trial dominates, by number. */
    public static List<FrozenTrial> of(List<FrozenTrial> trials, List<StudyDirection> directions) {
        List<List<FrozenTrial>> fronts = sortFronts(trials, directions);
        return fronts.isEmpty() ? List.of() : fronts.get(0);
    }

    /** Whether {@code a} dominates {@code b}. */
    public static boolean dominates(List<Double> a, List<Double> b, List<StudyDirection> directions) {
        boolean better = false;
        for (int k = 0; k < directions.size(); k++) {
            double la = directions.get(k).toLoss(a.get(k));
            double lb = directions.get(k).toLoss(b.get(k));
            if (la > lb) {
                return false;
            }
            if (la < lb) {
                better = true;
            }
        }
        return better;
    }

    /** All fronts, best first (the fast non-dominated sort); each front keeps the input order. */
    public static List<List<FrozenTrial>> sortFronts(List<FrozenTrial> trials, List<StudyDirection> directions) {
        int n = trials.size();
        int[] dominatedBy = new int[n];
        List<List<Integer>> dominates = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            dominates.add(new ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                List<Double> a = trials.get(i).values();
                List<Double> b = trials.get(j).values();
                if (dominates(a, b, directions)) {
                    dominates.get(i).add(j);
                    dominatedBy[j]++;
                } else if (dominates(b, a, directions)) {
                    dominates.get(j).add(i);
                    dominatedBy[i]++;
                }
            }
        }
        List<List<FrozenTrial>> fronts = new ArrayList<>();
        List<Integer> current = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (dominatedBy[i] == 0) {
                current.add(i);
            }
        }
        while (!current.isEmpty()) {
            List<FrozenTrial> front = new ArrayList<>();
            List<Integer> next = new ArrayList<>();
            for (int i : current) {
                front.add(trials.get(i));
                for (int j : dominates.get(i)) {
                    if (--dominatedBy[j] == 0) {
                        next.add(j);
                    }
                }
            }
            next.sort(Integer::compare);
            fronts.add(front);
            current = next;
        }
        return fronts;
    }
}
