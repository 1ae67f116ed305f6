package dev.netloom.hpo.sampler;

import dev.netloom.hpo.FrozenTrial;
import dev.netloom.hpo.StudyDirection;
import dev.netloom.hpo.analysis.ParetoFront;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Deb's constrained domination (Deb et al. 2002, section VI; Optuna's {@code constraints_func} for
 * NSGA-II): a trial that meets its constraints dominates one that does not; of two that do not, the
 * one with the smaller total violation (the sum of its positive constraint values) dominates; of two
 * that do, Pareto dominance decides. A trial that reported no constraints meets them, as in
 * {@link FrozenTrial#isFeasible()}.
 */
final class ConstrainedDomination {

    private ConstrainedDomination() {
    }

    /** The sum of the positive constraint values; 0 for a feasible trial. */
    static double violation(FrozenTrial t) {
        double v = 0;
        for (double c : t.constraints()) {
            v += Math.max(0, c);
        }
        return v;
    }

    static boolean dominates(FrozenTrial a, FrozenTrial b, List<StudyDirection> directions) {
        double va = violation(a);
        double vb = violation(b);
        if (va == 0 && vb == 0) {
            return ParetoFront.dominates(a.values(), b.values(), directions);
        }
        return va < vb;
    }

    /**
     * Fronts under constrained domination, best first: the feasible trials' Pareto fronts, then the
     * infeasible trials by total violation (equal violations share a front).
     */
    static List<List<FrozenTrial>> sortFronts(List<FrozenTrial> trials, List<StudyDirection> directions) {
        List<FrozenTrial> feasible = new ArrayList<>();
        TreeMap<Double, List<FrozenTrial>> infeasible = new TreeMap<>();
        for (FrozenTrial t : trials) {
            double v = violation(t);
            if (v == 0) {
                feasible.add(t);
            } else {
                infeasible.computeIfAbsent(v, k -> new ArrayList<>()).add(t);
            }
        }
        List<List<FrozenTrial>> fronts = new ArrayList<>(feasible.isEmpty() ? List.of()
                : ParetoFront.sortFronts(feasible, directions));
        fronts.addAll(infeasible.values());
        return fronts;
    }
}
