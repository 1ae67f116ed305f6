package dev.netloom.app.search;

import dev.netloom.hpo.FrozenTrial;
import dev.netloom.hpo.StudyDirection;
import dev.netloom.hpo.TrialState;
import dev.netloom.hpo.distribution.CategoricalDistribution;
import dev.netloom.hpo.distribution.Distribution;
import dev.netloom.hpo.distribution.FloatDistribution;
import dev.netloom.hpo.distribution.IntDistribution;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The Tune view's plot data without a window: parallel-coordinates scaling and the Pareto choice. */
class TunePlotDataTest {

    private static final IntDistribution DIM = new IntDistribution(16, 64, true, 1);
    private static final FloatDistribution DROPOUT = new FloatDistribution(0.0, 0.5, false, null);
    private static final CategoricalDistribution HEADS = new CategoricalDistribution(List.of(2, 3, 4));

    private static FrozenTrial trial(int number, TrialState state, List<Double> values, Map<String, Object> params) {
        Map<String, Double> internal = new LinkedHashMap<>();
        Map<String, Distribution> distributions = new LinkedHashMap<>();
        params.forEach((name, v) -> {
            Distribution d = name.equals("dim") ? DIM : name.equals("dropout") ? DROPOUT : HEADS;
            distributions.put(name, d);
            internal.put(name, d.toInternal(v));
        });
        return new FrozenTrial(number, number, state, values, internal, distributions, new TreeMap<>(), Map.of(),
                Map.of(), null, null);
    }

    private static FrozenTrial done(int number, double accuracy, int dim, double dropout, int heads) {
        return trial(number, TrialState.COMPLETE, List.of(accuracy), Map.of("dim", dim, "dropout", dropout, "heads", heads));
    }

    @Test
    void numbersSpanTheTriedRangeAndLogParametersAreEvenPerDoubling() {
        List<FrozenTrial> trials = List.of(done(0, 0.5, 16, 0.1, 2), done(1, 0.7, 32, 0.3, 4), done(2, 0.9, 64, 0.2, 3));
        ParallelScale scale = ParallelScale.of(List.of("dim", "dropout", "heads"), trials, 0);
        // dim on a log scale: 16 → 0, 32 → 0.5, 64 → 1 (not 16/48 for 32).
        assertThat(scale.position("dim", 16L)).isCloseTo(0, within(1e-12));
        assertThat(scale.position("dim", 32L)).isCloseTo(0.5, within(1e-12));
        assertThat(scale.position("dim", 64L)).isCloseTo(1, within(1e-12));
        // dropout linear between the smallest and largest tried (0.1 .. 0.3), not the range 0 .. 0.5.
        assertThat(scale.position("dropout", 0.2)).isCloseTo(0.5, within(1e-12));
        assertThat(scale.position("dropout", 0.1)).isCloseTo(0, within(1e-12));
        // Choices evenly by their order: 2, 3, 4 → 0, 0.5, 1; an Integer or a Long both find their place.
        assertThat(scale.position("heads", 3)).isCloseTo(0.5, within(1e-12));
        assertThat(scale.position("heads", 4L)).isCloseTo(1, within(1e-12));
        // The accuracy axis: 0.5 .. 0.9.
        assertThat(scale.valuePosition(0.7)).isCloseTo(0.5, within(1e-12));
        assertThat(scale.ends("dim")).containsExactly("16", "64");
        assertThat(scale.ends("heads")).containsExactly("2", "4");
    }

    @Test
    void anAxisWithOneTriedValueOrAnUnknownParameterIsHandled() {
        List<FrozenTrial> trials = List.of(done(0, 0.8, 32, 0.2, 2), done(1, 0.8, 32, 0.2, 3));
        ParallelScale scale = ParallelScale.of(List.of("dim", "dropout", "heads"), trials, 0);
        assertThat(scale.position("dim", 32L)).isEqualTo(0.5);
        assertThat(scale.valuePosition(0.8)).isEqualTo(0.5);
        assertThat(scale.position("nope", 1)).isNaN();
        assertThat(scale.position("dim", null)).isNaN();
    }

    @Test
    void theParetoFrontKeepsTrialsNothingBeatsOnBothObjectivesMostAccurateFirst() {
        // accuracy (maximize) and latency in ms (minimize).
        FrozenTrial fastPoor = trial(0, TrialState.COMPLETE, List.of(0.60, 1.0), Map.of("dim", 16));
        FrozenTrial slowGood = trial(1, TrialState.COMPLETE, List.of(0.90, 4.0), Map.of("dim", 64));
        FrozenTrial dominated = trial(2, TrialState.COMPLETE, List.of(0.70, 5.0), Map.of("dim", 48));
        FrozenTrial middle = trial(3, TrialState.COMPLETE, List.of(0.80, 2.0), Map.of("dim", 32));
        FrozenTrial pruned = trial(4, TrialState.PRUNED, List.of(0.99, 0.1), Map.of("dim", 20));
        ParetoSelection p = ParetoSelection.of(List.of(fastPoor, slowGood, dominated, middle, pruned),
                List.of(StudyDirection.MAXIMIZE, StudyDirection.MINIMIZE));
        assertThat(p.front()).extracting(FrozenTrial::number).containsExactly(1, 3, 0);
        assertThat(p.contains(2)).isFalse();
        assertThat(p.contains(4)).as("only complete trials count").isFalse();
        // Apply takes the selected front trial; a selection off the front, or none, takes the most accurate.
        assertThat(p.choose(3).orElseThrow().number()).isEqualTo(3);
        assertThat(p.choose(2).orElseThrow().number()).isEqualTo(1);
        assertThat(p.choose(null).orElseThrow().number()).isEqualTo(1);
        assertThat(ParetoSelection.of(List.of(pruned), p.directions()).choose(null)).isEmpty();
    }

    @Test
    void progressOfOneObjectiveAppliesTheMostAccurateAndOfTwoTheChosenFrontTrial() {
        FrozenTrial a = trial(0, TrialState.COMPLETE, List.of(0.6, 1.0), Map.of("dim", 16));
        FrozenTrial b = trial(1, TrialState.COMPLETE, List.of(0.9, 4.0), Map.of("dim", 64));
        StudyProgress two = StudyProgress.of("s", List.of(SearchObjective.ACCURACY, SearchObjective.LATENCY), List.of(a, b));
        assertThat(two.best(0).orElseThrow().number()).isZero();
        assertThat(two.history().points()).hasSize(2);
        FrozenTrial c = trial(0, TrialState.COMPLETE, List.of(0.6), Map.of("dim", 16));
        FrozenTrial d = trial(1, TrialState.COMPLETE, List.of(0.9), Map.of("dim", 64));
        StudyProgress one = StudyProgress.of("s", List.of(SearchObjective.ACCURACY), List.of(c, d));
        assertThat(one.pareto()).isNull();
        assertThat(one.best(0).orElseThrow().number()).isEqualTo(1);
        assertThat(one.importance()).containsOnlyKeys("dim");
    }
}
