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

    /** A finished trial with this accuracy curve (steps 1, 2, ...), its last report its final value. */
    private static void finishedWithCurve(Study study, double latency, double... curve) {
        Trial t = study.ask();
        ParetoPruner.recordKnownValues(t, latency);
        for (int i = 0; i < curve.length; i++) {
            t.report(i + 1, curve[i]);
        }
        study.tell(t, curve[curve.length - 1], latency);
    }

    @Test
    void aTrialBeatenOnBothObjectivesAtTheSameStepIsPrunedAndOthersAreNot() {
        Study study = study(ParetoPruner.sameStep(2, 1, 1));
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

    /** #0 sits near chance at step 1 and jumps (slow, 10 ms); #1 is fast (2 ms) and flat. */
    private static Study jumpAndFlat(Pruner pruner) {
        Study study = study(pruner);
        finishedWithCurve(study, 10, 0.25, 0.5, 0.9);
        finishedWithCurve(study, 2, 0.3, 0.35, 0.4);
        return study;
    }

    @Test
    void anEarlyTrialIsCreditedWithTheJumpAFinishedTrialMade() {
        // At step 1, 0.2 at 5 ms: #1 was ahead and faster then, so the same-step rule prunes; but #0
        // gained 0.65 after step 1, and 0.2 + 0.65 at 5 ms is dominated by neither final point.
        assertThat(running(jumpAndFlat(ParetoPruner.sameStep(2, 0, 1)), 5, 0.2).shouldPrune()).isTrue();
        assertThat(running(jumpAndFlat(new ParetoPruner(2, 0, 1)), 5, 0.2).shouldPrune()).isFalse();
    }

    @Test
    void aTrialThatCannotCatchUpEvenWithTheBiggestLateGainIsPruned() {
        Study study = jumpAndFlat(new ParetoPruner(2, 0, 1));
        // From step 2 the biggest gain is #0's 0.4: 0.1 + 0.4 at 12 ms is behind #0's 0.9 at 10 ms.
        assertThat(running(study, 12, 0.05, 0.1).shouldPrune()).isTrue();
        // 0.55 + 0.4 would beat 0.9: it may still reach the front.
        assertThat(running(study, 12, 0.05, 0.55).shouldPrune()).isFalse();
        // Faster than #0 and, extrapolated, ahead of #1's 0.4 at 2 ms: on the front's way.
        assertThat(running(study, 5, 0.05, 0.1).shouldPrune()).isFalse();
    }

    @Test
    void theBestReportSoFarCountsNotADipAtTheLatestStep() {
        Study study = jumpAndFlat(new ParetoPruner(2, 0, 1));
        // 0.6 at step 1, a dip to 0.1 at step 2: judged from 0.6 (+ 0.4 >= 0.9), not pruned.
        assertThat(running(study, 12, 0.6, 0.1).shouldPrune()).isFalse();
        Study same = jumpAndFlat(ParetoPruner.sameStep(2, 0, 1));
        assertThat(running(same, 12, 0.6, 0.1).shouldPrune()).as("the same-step rule reads the dip").isTrue();
    }

    @Test
    void withoutAFinishedCurveAtThatStepThereIsNothingToExtrapolateFrom() {
        Study study = study(new ParetoPruner(1, 0, 1));
        Trial late = study.ask();
        ParetoPruner.recordKnownValues(late, 1);
        late.report(3, 0.9);
        study.tell(late, 0.9, 1);
        // #0 reported from step 3 only: a trial at step 1 is not judged, however poor and slow.
        assertThat(running(study, 50, 0.01).shouldPrune()).isFalse();
    }
}
