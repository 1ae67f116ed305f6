package dev.netloom.hpo.sampler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netloom.hpo.FrozenTrial;
import dev.netloom.hpo.Study;
import dev.netloom.hpo.StudyDirection;
import dev.netloom.hpo.storage.InMemoryStorage;
import java.util.List;
import org.junit.jupiter.api.Test;

class NsgaIITest {

    /**
     * Schaffer's problem N.1 in two variables: f1 = x², f2 = (x-2)² + y²; the Pareto set is
     * 0 ≤ x ≤ 2, y = 0. After some generations the front must lie near it and spread along it.
     */
    @Test
    void findsTheParetoFrontOfATwoObjectiveToyProblem() {
        Study study = Study.builder(new InMemoryStorage()).setName("schaffer")
                .optDirections(StudyDirection.MINIMIZE, StudyDirection.MINIMIZE)
                .optSampler(new NsgaIISampler(5, 20, 0.9, 0.5)).build();
        study.optimize(t -> {
            double x = t.suggestFloat("x", -10, 10);
            double y = t.suggestFloat("y", -10, 10);
            return new double[] {x * x, (x - 2) * (x - 2) + y * y};
        }, 300);
        List<FrozenTrial> front = study.bestTrials();
        assertThat(front.size()).isGreaterThanOrEqualTo(10);
        long nearSet = front.stream().filter(t -> {
            double x = (double) t.params().get("x");
            double y = (double) t.params().get("y");
            return x > -0.3 && x < 2.3 && Math.abs(y) < 1.0;
        }).count();
        assertThat(nearSet).as("front members near the Pareto set").isGreaterThanOrEqualTo(front.size() * 8 / 10);
        double spread = front.stream().mapToDouble(t -> (double) t.params().get("x")).max().orElseThrow()
                - front.stream().mapToDouble(t -> (double) t.params().get("x")).min().orElseThrow();
        assertThat(spread).as("the front spreads along x").isGreaterThan(1.0);
        assertThat(study.trials().get(299).systemAttrs().get(NsgaIISampler.GENERATION)).isNotEqualTo("0");
    }

    @Test
    void crowdingDistanceKeepsTheExtremesFirst() {
        var dirs = List.of(StudyDirection.MINIMIZE, StudyDirection.MINIMIZE);
        List<FrozenTrial> front = List.of(trial(0, 0, 4), trial(1, 1, 2), trial(2, 1.2, 1.8), trial(3, 4, 0));
        double[] d = CrowdingDistance.of(front, dirs);
        assertThat(d[0]).isInfinite();
        assertThat(d[3]).isInfinite();
        // (1, 2): gaps 1.2/4 and 2.2/4; (1.2, 1.8): gaps 3/4 and 2/4.
        assertThat(d[1]).isCloseTo(0.85, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(d[2]).isCloseTo(1.25, org.assertj.core.data.Offset.offset(1e-12));
    }

    static FrozenTrial trial(int number, double a, double b) {
        return new FrozenTrial(number, number, dev.netloom.hpo.TrialState.COMPLETE, List.of(a, b), java.util.Map.of(),
                java.util.Map.of(), new java.util.TreeMap<>(), java.util.Map.of(), java.util.Map.of(), null, null);
    }
}
