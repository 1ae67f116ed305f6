package dev.netloom.app.training;

import dev.netloom.train.TrainingListener.EpochReport;
import dev.netloom.train.TrainingListener.RunStart;
import dev.netloom.train.TrainingListener.StepReport;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** What the Train view draws from a run's events: x in epochs, smoothed steps, progress, experts. */
class LiveCurvesTest {

    @Test
    void stepsAndEpochsBecomeCurvesProgressAndExpertShares() {
        AtomicInteger changes = new AtomicInteger();
        LiveCurves live = new LiveCurves(600, changes::incrementAndGet);
        live.onStart(new RunStart(40, 4, 2, 1, 1_000_000));
        for (int step = 1; step <= 6; step++) {
            int epoch = step <= 4 ? 1 : 2;
            live.onStep(new StepReport(step, epoch, 2.0, 0.5, 1e-3, 100, 3));
            if (step == 4) {
                live.onEpoch(new EpochReport(1, 2.0, 0.5, 1.8, 0.6, 1.0, Map.of("moe", new double[] {0.75, 0.25})));
            }
        }
        LiveCurves.Snapshot s = live.snapshot();
        assertThat(s.curves().trainingLoss()).extracting(PointBudget.Point::x)
                .containsExactly(0.25, 0.5, 0.75, 1.0, 1.25, 1.5);
        // A constant loss stays constant through the bias-corrected smoothing.
        assertThat(s.curves().trainingLoss()).allSatisfy(p -> assertThat(p.y()).isCloseTo(2.0, within(1e-9)));
        assertThat(s.curves().validationAccuracy()).containsExactly(new PointBudget.Point(1, 0.6));
        assertThat(s.progress().line()).isEqualTo("Epoch 2 of 2 · step 2 of 4 · 100 examples/s · 3s left");
        assertThat(s.progress().fraction()).isEqualTo(0.75);
        assertThat(s.experts().get("moe")).containsExactly(0.75, 0.25);
        assertThat(changes.get()).isEqualTo(8);
        live.complete();
        assertThat(live.snapshot().progress().fraction()).isEqualTo(1.0);
    }

    @Test
    void aRecoveredStepKeepsItsPlaceSoTheCurveStaysOnTheEpochAxis() {
        LiveCurves live = new LiveCurves(600, () -> { });
        live.onStart(new RunStart(40, 4, 1, 1, 1_000_000));
        live.onStep(new StepReport(1, 1, 2.0, 0.5, 1e-3, 100, 3));
        live.onRecovery(new dev.netloom.train.TrainingListener.Recovery(2, 1, Double.NaN, "the loss became NaN", 1,
                1e-3, 3e-4, 1, 3));
        live.onStep(new StepReport(3, 1, 2.0, 0.5, 3e-4, 100, 3));
        assertThat(live.snapshot().curves().trainingLoss()).extracting(PointBudget.Point::x).containsExactly(0.25, 0.75);
        assertThat(live.snapshot().progress().stepInEpoch()).isEqualTo(3);
    }
}
