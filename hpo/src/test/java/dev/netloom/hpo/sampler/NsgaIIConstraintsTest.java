package dev.netloom.hpo.sampler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netloom.hpo.FrozenTrial;
import dev.netloom.hpo.Study;
import dev.netloom.hpo.StudyDirection;
import dev.netloom.hpo.TrialState;
import dev.netloom.hpo.pruner.NopPruner;
import dev.netloom.hpo.storage.InMemoryStorage;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** NSGA-II with constraints: Deb's constrained domination, as Optuna's {@code constraints_func}. */
class NsgaIIConstraintsTest {

    private static final List<StudyDirection> MIN2 = List.of(StudyDirection.MINIMIZE, StudyDirection.MINIMIZE);

    private static FrozenTrial trial(int number, double a, double b, Double constraint) {
        Map<String, String> attrs = constraint == null ? Map.of() : Map.of(FrozenTrial.CONSTRAINTS, Double.toString(constraint));
        return new FrozenTrial(number, number, TrialState.COMPLETE, List.of(a, b), Map.of(), Map.of(), new TreeMap<>(),
                Map.of(), attrs, null, null);
    }

    @Test
    void aFeasibleTrialBeatsAnInfeasibleOneAndLessViolationBeatsMore() {
        FrozenTrial feasiblePoor = trial(0, 5, 5, -1.0);
        FrozenTrial infeasibleGood = trial(1, 0, 0, 0.5);
        FrozenTrial veryInfeasibleGood = trial(2, 0, 0, 3.0);
        FrozenTrial unconstrained = trial(3, 1, 1, null);
        assertThat(ConstrainedDomination.dominates(feasiblePoor, infeasibleGood, MIN2)).isTrue();
        assertThat(ConstrainedDomination.dominates(infeasibleGood, feasiblePoor, MIN2)).isFalse();
        assertThat(ConstrainedDomination.dominates(infeasibleGood, veryInfeasibleGood, MIN2)).isTrue();
        assertThat(ConstrainedDomination.dominates(veryInfeasibleGood, infeasibleGood, MIN2)).isFalse();
        // Among feasible trials (no constraints reported counts as met), plain Pareto dominance.
        assertThat(ConstrainedDomination.dominates(unconstrained, feasiblePoor, MIN2)).isTrue();
        assertThat(ConstrainedDomination.dominates(feasiblePoor, unconstrained, MIN2)).isFalse();
        List<List<FrozenTrial>> fronts = ConstrainedDomination.sortFronts(
                List.of(veryInfeasibleGood, infeasibleGood, feasiblePoor, unconstrained), MIN2);
        assertThat(fronts).containsExactly(List.of(unconstrained), List.of(feasiblePoor), List.of(infeasibleGood),
                List.of(veryInfeasibleGood));
    }

    /**
     * f1 = x, f2 = 1 - x + y, subject to y ≥ 0.5: without the constraint the front is y = 0, with
     * it y = 0.5. NSGA-II ranking by plain dominance drifts to the infeasible y ≈ 0; with Deb's rule
     * the later generations are mostly feasible and the feasible front hugs y = 0.5.
     */
    @Test
    void theSearchStaysInTheFeasibleRegion() {
        Study study = Study.builder(new InMemoryStorage()).setName("constrained").optDirections(MIN2.toArray(new StudyDirection[0]))
                .optSampler(new NsgaIISampler(3, 10, 0.9, 0.5)).optPruner(new NopPruner()).build();
        study.optimize(t -> {
            double x = t.suggestFloat("x", 0, 1);
            double y = t.suggestFloat("y", 0, 1);
            t.reportConstraints(0.5 - y);
            return new double[] {x, 1 - x + y};
        }, 120);
        List<FrozenTrial> late = study.trials().subList(80, 120);
        long feasible = late.stream().filter(FrozenTrial::isFeasible).count();
        // Mutation re-draws y with probability 1/2 and half of those draws break the constraint, so
        // about 3 in 4 children of feasible parents are feasible; a drift to y ≈ 0 leaves about 1 in 4.
        assertThat(feasible).as("feasible trials among the last 40").isGreaterThanOrEqualTo(24);
        List<FrozenTrial> front = study.bestTrials();
        assertThat(front).isNotEmpty();
        assertThat(front).allSatisfy(t -> assertThat((double) t.params().get("y")).isBetween(0.5, 0.65));
    }
}
