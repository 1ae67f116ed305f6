package dev.netloom.train;

import dev.netloom.train.data.Augmentation;

import dev.netloom.graph.analysis.GraphAnalysis;
import dev.netloom.train.TrainingListener.EndReason;
import dev.netloom.graph.artifact.Tensor;
import dev.netloom.train.data.Examples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The training loop: learning, determinism, divergence, cancel and resume, early stopping. */
class TrainingRunTest {

    private static GraphAnalysis mlp(int features, int classes) {
        return Sketch.graph()
                .node("in", "Tabular", "features", features)
                .node("fc", "Dense", "units", 16)
                .node("act", "Activation", "function", "ReLU")
                .node("head", "Classification", "classes", classes)
                .chain("in", "fc", "act", "head").analyze();
    }

    private static final Examples[] DATA = ToyData.split(ToyData.vectors(600, 8, 3, 1), 500);

    private static TrainingSettings settings(int epochs) {
        return TrainingSettings.defaults().withEpochs(epochs).withBatchSize(32).withLearningRate(0.01);
    }

    private static TrainingRun run(TrainingSettings s) {
        return new TrainingRun(mlp(8, 3), DATA[0], DATA[1], List.of("features"), s);
    }

    @Test
    void anMlpLearnsASeparableTask() throws Exception {
        List<TrainingListener.EpochReport> epochs = new ArrayList<>();
        try (TrainingRun.Result result = run(settings(8)).listener(new TrainingListener() {
            @Override
            public void onEpoch(EpochReport epoch) {
                epochs.add(epoch);
            }
        }).run()) {
            assertThat(result.end().reason()).isEqualTo(EndReason.COMPLETED);
            assertThat(epochs).hasSize(8);
            assertThat(epochs.get(7).trainLoss()).isLessThan(epochs.get(0).trainLoss());
            assertThat(result.end().bestValidationAccuracy()).isGreaterThan(0.9);
            assertThat(TrainingRun.evaluate(result.model(), DATA[1], 64)[1])
                    .isEqualTo(result.end().bestValidationAccuracy());
        }
    }

    @Test
    void theSameSeedGivesIdenticalWeights() throws Exception {
        Map<String, Tensor> first;
        try (var a = run(settings(2)).run()) {
            first = a.model().weights();
        }
        try (var b = run(settings(2)).run()) {
            assertThat(b.model().weights()).isEqualTo(first);
        }
        try (var c = run(settings(2).withSeed(7)).run()) {
            assertThat(c.model().weights()).isNotEqualTo(first);
        }
    }

    @Test
    void withRecoveryOffALossThatBlowsUpStopsTheRunNamingTheStep() {
        // Inputs a million times too large and plain SGD at rate 5: the weights overflow within a few steps.
        Examples huge = scaled(DATA[0], 1e6f);
        TrainingRun diverging = new TrainingRun(mlp(8, 3), huge, DATA[1], List.of("features"),
                new TrainingSettings("sgd", 5, 0.9, "constant", 0, 30, 32, 3, 0, 0, 0, 0, 42, 1, Augmentation.NONE)
                        .withDivergenceRecovery(false));
        List<TrainingListener.RunEnd> ends = new ArrayList<>();
        diverging.listener(new TrainingListener() {
            @Override
            public void onEnd(RunEnd end) {
                ends.add(end);
            }
        });
        assertThatThrownBy(diverging::run).isInstanceOf(TrainingException.class)
                .hasMessageMatching("the loss became (NaN|Infinity) at step \\d+ \\(epoch 1\\); the learning rate 5.0 is "
                        + "probably too high.*");
        assertThat(ends).singleElement().extracting(TrainingListener.RunEnd::reason).isEqualTo(EndReason.DIVERGED);
    }

    @Test
    void cancelEndsWithinOneStepAndResumingFinishesTheRun(@TempDir Path dir) throws Exception {
        Path checkpoint = dir.resolve("run.ckpt");
        TrainingRun first = run(settings(3)).checkpointTo(checkpoint);
        List<Integer> steps = new ArrayList<>();
        first.listener(new TrainingListener() {
            @Override
            public void onStep(StepReport step) {
                steps.add(step.step());
                if (step.step() == 20) { // epoch 2 of 3: 16 steps per epoch
                    first.cancel();
                }
            }
        });
        try (var cancelled = first.run()) {
            assertThat(cancelled.end().reason()).isEqualTo(EndReason.CANCELLED);
            assertThat(steps).hasSize(20);
            assertThat(cancelled.end().epochsRun()).isEqualTo(1);
        }
        assertThat(Files.exists(checkpoint)).isTrue();
        Checkpoint saved = Checkpoint.read(checkpoint);
        assertThat(saved.epochsDone()).isEqualTo(1);
        assertThat(saved.steps()).isEqualTo(20);

        List<Integer> resumedEpochs = new ArrayList<>();
        try (var resumed = run(settings(3)).resumeFrom(checkpoint).listener(new TrainingListener() {
            @Override
            public void onEpoch(EpochReport epoch) {
                resumedEpochs.add(epoch.epoch());
            }
        }).run()) {
            assertThat(resumedEpochs).containsExactly(2, 3);
            assertThat(resumed.end().reason()).isEqualTo(EndReason.COMPLETED);
            assertThat(resumed.end().bestValidationAccuracy()).isGreaterThan(0.8);
        }
    }

    @Test
    void earlyStoppingEndsWhenValidationStopsImprovingAndKeepsTheBestWeights() throws Exception {
        Examples[] noise = ToyData.split(shuffledLabels(ToyData.vectors(300, 8, 3, 2)), 200);
        TrainingSettings s = new TrainingSettings("adam", 0.01, 0.9, "constant", 0, 30, 32, 40, 0, 0, 0, 2, 3, 1, Augmentation.NONE);
        try (var result = new TrainingRun(mlp(8, 3), noise[0], noise[1], List.of("features"), s).run()) {
            assertThat(result.end().reason()).isEqualTo(EndReason.EARLY_STOPPED);
            assertThat(result.end().epochsRun()).isLessThan(40);
            assertThat(TrainingRun.evaluate(result.model(), noise[1], 64)[1])
                    .isEqualTo(result.end().bestValidationAccuracy());
        }
    }

    @Test
    void gradientClippingAndLabelSmoothingTrain() throws Exception {
        TrainingSettings s = new TrainingSettings("sgd", 0.05, 0.9, "step", 1, 2, 32, 4, 1e-4, 1.0, 0.1, 0, 5, 1, Augmentation.NONE);
        try (var result = run(s).run()) {
            assertThat(result.end().bestValidationAccuracy()).isGreaterThan(0.8);
        }
    }

    @Test
    void aGraphWithoutAClassificationHeadIsRefusedUpFront() {
        GraphAnalysis regression = Sketch.graph().node("in", "Tabular", "features", 8)
                .node("head", "Regression", "outputs", 1).chain("in", "head").analyze();
        assertThatThrownBy(() -> new TrainingRun(regression, DATA[0], DATA[1], List.of("features"), settings(1)))
                .hasMessageContaining("exactly one Classification or PerPositionClassification head");
    }

    private static Examples scaled(Examples e, float factor) {
        var f = e.fields().get(0);
        float[] v = f.floats().clone();
        for (int i = 0; i < v.length; i++) {
            v[i] *= factor;
        }
        return new Examples(List.of(dev.netloom.train.data.Field.floats(f.name(), f.kind(), f.shape(), v)), e.labels());
    }

    private static Examples shuffledLabels(Examples e) {
        int[] labels = e.labels().clone();
        java.util.Random r = new java.util.Random(99);
        for (int i = 0; i < labels.length; i++) {
            labels[i] = r.nextInt(3);
        }
        return new Examples(e.fields(), labels);
    }
}
