package dev.netloom.hpo.pruner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netloom.hpo.Study;
import dev.netloom.hpo.StudyDirection;
import dev.netloom.hpo.Trial;
import dev.netloom.hpo.sampler.RandomSampler;
import dev.netloom.hpo.storage.InMemoryStorage;
import org.junit.jupiter.api.Test;

/** Accuracy (maximised, learnt per step) against latency (minimised, known before training). */
class ParetoPrunerTest {

    private static Study study(Pruner pruner) {
        return Study.builder(new InMemoryStorage()).setName("p")
                .optDirections(StudyDirection.MAXIMIZE, StudyDirection.MINIMIZE)
                .optSampler(new RandomSampler(1)).optPruner(pruner).build();
    }

    /** A finished trial whose accuracy climbs to {@code last} in three steps, at {@code latency} ms. */
    private static void finished(Study study, double last, double latency) {
        Trial t = study.ask();
        ParetoPruner.recordKnownValues(t, latency);
        for (int step = 1; step <= 3; step++) {
            t.report(step, last * step / 3);
        }
        study.tell(t, last, latency);
    }

    private static Trial running(Study study, double latency, double... curve) {
        Trial t = study.ask();
        ParetoPruner.recordKnownValues(t, latency);
        for (int i = 0; i < curve.length; i++) {
            t.report(i + 1, curve[i]);
        }
        return t;
    }

    @Test
    void aTrialBeatenOnBothObjectivesAtTheSameStepIsPrunedAndOthersAreNot() {
        Study study = study(new ParetoPruner(2, 1, 1));
        finished(study, 0.9, 10);  // at step 2: 0.6 accuracy, 10 ms
        finished(study, 0.6, 2);   // at step 2: 0.4 accuracy, 2 ms
        assertThat(running(study, 12, 0.2, 0.5).shouldPrune()).as("slower than #0 and behind it at step 2").isTrue();
        assertThat(running(study, 12, 0.2, 0.7).shouldPrune()).as("slower but ahead at step 2").isFalse();
        assertThat(running(study, 5, 0.2, 0.5).shouldPrune()).as("behind #0 but faster, ahead of #1").isFalse();
        assertThat(running(study, 2, 0.1, 0.3).shouldPrune()).as("as fast as #1 and behind it").isTrue();
    }

    @Test
    void nothingIsPrunedBeforeTheStartupTrialsTheWarmUpOrWithoutKnownValues() {
        Study study = study(new ParetoPruner(2, 2, 1));
        finished(study, 0.9, 10);
        assertThat(running(study, 12, 0.1, 0.1).shouldPrune()).as("one trial finished of two").isFalse();
        finished(study, 0.6, 2);
        assertThat(running(study, 12, 0.1).shouldPrune()).as("step 1 is in the warm-up").isFalse();
        Trial unknown = study.ask();
        unknown.report(2, 0.01);
        assertThat(unknown.shouldPrune()).as("no known values recorded").isFalse();
        assertThat(running(study, 12, 0.1, 0.1).shouldPrune()).isTrue();
    }

    @Test
    void severalDominatorsCanBeRequired() {
        Study study = study(new ParetoPruner(1, 0, 2));
        finished(study, 0.9, 10);
        assertThat(running(study, 12, 0.1).shouldPrune()).isFalse();
        finished(study, 0.8, 11);
        assertThat(running(study, 12, 0.1).shouldPrune()).isTrue();
    }

    @Test
    void oneObjectiveIsAnErrorAndOtherPrunersRefuseSeveral() {
        Study one = Study.builder(new InMemoryStorage()).setName("one").optSampler(new RandomSampler(1))
                .optPruner(new ParetoPruner()).build();
        Trial t = one.ask();
        t.report(1, 0.5);
        assertThatThrownBy(t::shouldPrune).hasMessage(
                "the Pareto pruner is for several objectives; study 'one' has one (use the median pruner)");
        Trial m = study(PercentilePruner.median()).ask();
        assertThatThrownBy(m::shouldPrune).hasMessageContaining("this pruner reads one objective (use ParetoPruner)");
    }
}
