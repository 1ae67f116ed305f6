package dev.netloom.hpo.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netloom.hpo.FrozenTrial;
import dev.netloom.hpo.Study;
import dev.netloom.hpo.StudyDirection;
import dev.netloom.hpo.TrialPruned;
import dev.netloom.hpo.sampler.RandomSampler;
import dev.netloom.hpo.storage.InMemoryStorage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnalysisTest {

    static Study study(long seed) {
        Study study = Study.builder(new InMemoryStorage()).setName("a").optSampler(new RandomSampler(seed))
                .optPruner(new dev.netloom.hpo.pruner.NopPruner()).build();
        study.optimize(t -> {
            double big = t.suggestFloat("big", 0, 1);
            double small = t.suggestFloat("small", 0, 1);
            String none = t.suggestCategorical("none", List.of("a", "b"));
            if (t.number() % 10 == 9) {
                t.report(0, 5);
                throw new TrialPruned();
            }
            if (none.equals("a")) {
                t.suggestInt("only_a", 0, 3);
            }
            t.report(0, 10 * big);
            return new double[] {10 * big * big + 0.1 * small};
        }, 120);
        return study;
    }

    @Test
    void fanovaFindsTheParameterThatMatters() {
        Map<String, Double> imp = new FanovaImportance(1).evaluate(study(3).trials(), 0);
        assertThat(imp.keySet()).containsExactly("big", "small", "none");
        assertThat(imp.get("big")).isGreaterThan(0.9);
        assertThat(imp.values().stream().mapToDouble(Double::doubleValue).sum())
                .isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void theVarianceOfASingleSplitTreeIsAllInItsFeature() {
        List<RegressionTree.Leaf> leaves = List.of(
                new RegressionTree.Leaf(new double[] {0, 0}, new double[] {0.5, 1}, 0),
                new RegressionTree.Leaf(new double[] {0.5, 0}, new double[] {1, 1}, 2));
        double[] imp = FanovaImportance.treeImportance(leaves, 2);
        assertThat(imp[0]).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(imp[1]).isZero();
    }

    @Test
    void plotDataFollowsTheTrials() {
        Study study = study(4);
        List<FrozenTrial> trials = study.trials();
        OptimizationHistory h = OptimizationHistory.of(trials, StudyDirection.MINIMIZE, 0);
        assertThat(h.points()).hasSize(108);
        for (int i = 1; i < h.points().size(); i++) {
            assertThat(h.points().get(i).bestSoFar()).isLessThanOrEqualTo(h.points().get(i - 1).bestSoFar());
        }
        assertThat(h.points().get(h.points().size() - 1).bestSoFar()).isEqualTo(study.bestValue());

        IntermediateValues iv = IntermediateValues.of(trials);
        assertThat(iv.curves()).hasSize(120);
        assertThat(iv.curves()).filteredOn(c -> c.state() == dev.netloom.hpo.TrialState.PRUNED).hasSize(12);

        ParallelCoordinates pc = ParallelCoordinates.of(trials, 0);
        assertThat(pc.params()).containsExactly("big", "none", "only_a", "small");
        assertThat(pc.lines()).hasSize(108);

        SlicePlot slice = SlicePlot.of(trials, 0);
        assertThat(slice.slices().get("big")).hasSize(108);
        assertThat(slice.slices().get("only_a").size()).isLessThan(108).isPositive();

        ContourPlot contour = ContourPlot.of(trials, "big", "only_a", 0);
        assertThat(contour.points()).hasSize(slice.slices().get("only_a").size())
                .allSatisfy(p -> assertThat(p.y()).isInstanceOf(Long.class));
    }

    @Test
    void theParetoFrontHoldsExactlyTheNonDominatedTrials() {
        var dirs = List.of(StudyDirection.MINIMIZE, StudyDirection.MAXIMIZE);
        List<FrozenTrial> trials = List.of(t(0, 1, 1), t(1, 2, 3), t(2, 2, 2), t(3, 0.5, 0.5), t(4, 3, 3));
        assertThat(ParetoFront.of(trials, dirs)).extracting(FrozenTrial::number).containsExactly(0, 1, 3);
        // (2, 2) and (3, 3) are both dominated by (2, 3) only: one second front.
        assertThat(ParetoFront.sortFronts(trials, dirs)).hasSize(2);
        assertThat(ParetoFront.sortFronts(trials, dirs).get(1)).extracting(FrozenTrial::number).containsExactly(2, 4);
    }

    static FrozenTrial t(int n, double a, double b) {
        return new FrozenTrial(n, n, dev.netloom.hpo.TrialState.COMPLETE, List.of(a, b), Map.of(), Map.of(),
                new java.util.TreeMap<>(), Map.of(), Map.of(), null, null);
    }
}
