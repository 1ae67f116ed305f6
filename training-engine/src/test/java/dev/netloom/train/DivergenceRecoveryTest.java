package dev.netloom.train;

import dev.netloom.graph.analysis.GraphAnalysis;
import dev.netloom.train.TrainingListener.EndReason;
import dev.netloom.train.TrainingListener.Recovery;
import dev.netloom.train.data.Augmentation;
import dev.netloom.train.data.Examples;
import dev.netloom.train.data.Field;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Divergence recovery: a run forced to NaN mid-epoch recovers; bad data is named; recovery can be off. */
class DivergenceRecoveryTest {

    private static final Examples[] DATA = ToyData.split(ToyData.vectors(600, 8, 3, 1), 500);

    private static GraphAnalysis mlp() {
        return Sketch.graph()
                .node("in", "Tabular", "features", 8)
                .node("fc", "Dense", "units", 16)
                .node("act", "Activation", "function", "ReLU")
                .node("fc2", "Dense", "units", 16)
                .node("act2", "Activation", "function", "ReLU")
                .node("head", "Classification", "classes", 3)
                .chain("in", "fc", "act", "fc2", "act2", "head").analyze();
    }

    /** Adam at 0.01, batch 32: 16 steps an epoch on 500 examples. */
    private static TrainingSettings settings() {
        return TrainingSettings.defaults().withEpochs(4).withBatchSize(32).withLearningRate(0.01);
    }

    private static final class Heard implements TrainingListener {
        final List<Recovery> recoveries = new ArrayList<>();
        final List<RunEnd> ends = new ArrayList<>();
        final List<Integer> steps = new ArrayList<>();

        @Override
        public void onRecovery(Recovery r) {
            recoveries.add(r);
        }

        @Override
        public void onStep(StepReport s) {
            steps.add(s.step());
        }

        @Override
        public void onEnd(RunEnd end) {
            ends.add(end);
        }
    }

    @Test
    void aRunForcedToNaNMidEpochRollsBackLowersTheRateAndFinishes() throws Exception {
        // Step 25 (the 9th of epoch 2) updates at 1e30 times the rate: the weights overflow, the
        // next loss is not a number. The last good state was kept after step 16.
        Heard heard = new Heard();
        TrainingRun run = new TrainingRun(mlp(), DATA[0], DATA[1], List.of("features"), settings())
                .spikeLearningRate(25, 1e30).listener(heard);
        try (TrainingRun.Result result = run.run()) {
            assertThat(result.end().reason()).isEqualTo(EndReason.COMPLETED);
            assertThat(result.end().epochsRun()).isEqualTo(4);
            assertThat(heard.recoveries).singleElement().satisfies(r -> {
                assertThat(r.step()).isBetween(25, 26);
                assertThat(r.epoch()).isEqualTo(2);
                assertThat(r.cause()).matches("the loss (became (NaN|infinite)|jumped to .*)");
                assertThat(r.rolledBackTo()).isEqualTo(16);
                assertThat(r.learningRateBefore()).isEqualTo(0.01);
                assertThat(r.learningRateAfter()).isCloseTo(0.003, org.assertj.core.data.Offset.offset(1e-12));
                assertThat(r.attempt()).isEqualTo(1);
            });
            assertThat(result.end().recoveries()).isEqualTo(heard.recoveries);
            assertThat(result.end().message()).contains("recovered from 1 divergence (learning rate lowered to 0.003");
            assertThat(result.end().bestValidationAccuracy()).isGreaterThan(0.9);
            assertThat(result.history()).allSatisfy(e -> assertThat(e.trainLoss()).isFinite());
            assertThat(heard.steps).doesNotContain(heard.recoveries.get(0).step()).hasSize(4 * 16 - 1);
            result.model().weights().values().forEach(t -> {
                for (float v : t.floats()) {
                    assertThat(v).isFinite();
                }
            });
        }
    }

    @Test
    void aRecoveredRunIsReproducible() throws Exception {
        List<dev.netloom.graph.artifact.Tensor> first;
        try (var a = new TrainingRun(mlp(), DATA[0], DATA[1], List.of("features"), settings().withEpochs(2))
                .spikeLearningRate(20, 1e30).run()) {
            assertThat(a.end().recoveries()).hasSize(1);
            first = List.copyOf(a.model().weights().values());
        }
        try (var b = new TrainingRun(mlp(), DATA[0], DATA[1], List.of("features"), settings().withEpochs(2))
                .spikeLearningRate(20, 1e30).run()) {
            assertThat(List.copyOf(b.model().weights().values())).isEqualTo(first);
        }
    }

    @Test
    void withRecoveryOffTheSameRunStopsAtTheDivergence() {
        Heard heard = new Heard();
        TrainingRun run = new TrainingRun(mlp(), DATA[0], DATA[1], List.of("features"),
                settings().withDivergenceRecovery(false)).spikeLearningRate(25, 1e30).listener(heard);
        assertThatThrownBy(run::run).isInstanceOf(TrainingException.class)
                .hasMessageMatching("the loss became (NaN|Infinity) at step 2[56] \\(epoch 2\\); the learning rate 0.01 "
                        + "is probably too high.*");
        assertThat(heard.recoveries).isEmpty();
        assertThat(heard.ends).singleElement().extracting(TrainingListener.RunEnd::reason).isEqualTo(EndReason.DIVERGED);
    }

    @Test
    void whenRecoveryKeepsFailingTheRunStopsWithTheRealCause() {
        // Inputs a million times too large: lowering the rate three times cannot save it; the inputs are the cause.
        Heard heard = new Heard();
        TrainingRun run = new TrainingRun(mlp(), scaled(DATA[0], 1e6f), DATA[1], List.of("features"),
                new TrainingSettings("sgd", 5, 0.9, "constant", 0, 30, 32, 3, 0, 0, 0, 0, 42, 1, Augmentation.NONE))
                .listener(heard);
        assertThatThrownBy(run::run).isInstanceOf(TrainingException.class)
                .hasMessageContaining("again after 3 recoveries (learning rate lowered from 5.0 to 0.135)")
                .hasMessageContaining("the inputs are not normalised: field \"features\" holds values up to")
                .hasMessageNotContaining("probably too high");
        assertThat(heard.recoveries).hasSize(3).extracting(Recovery::attempt).containsExactly(1, 2, 3);
        assertThat(heard.ends).singleElement().satisfies(e -> {
            assertThat(e.reason()).isEqualTo(EndReason.DIVERGED);
            assertThat(e.recoveries()).hasSize(3);
        });
    }

    @Test
    void trainingDataHoldingNaNStopsTheRunNamingTheData() {
        Examples poisoned = withValue(DATA[0], 5, 2, Float.NaN);
        Heard heard = new Heard();
        TrainingRun run = new TrainingRun(mlp(), poisoned, DATA[1], List.of("features"), settings()).listener(heard);
        assertThatThrownBy(run::run).isInstanceOf(TrainingException.class)
                .hasMessageStartingWith("the training data holds NaN in field \"features\" of example 6 (value 3 of 8)")
                .hasMessageNotContaining("learning rate");
        assertThat(heard.steps).isEmpty();
    }

    @Test
    void validationDataHoldingInfinityIsNamedToo() {
        Examples poisoned = withValue(DATA[1], 0, 7, Float.NEGATIVE_INFINITY);
        TrainingRun run = new TrainingRun(mlp(), DATA[0], poisoned, List.of("features"), settings());
        assertThatThrownBy(run::run).isInstanceOf(TrainingException.class)
                .hasMessageStartingWith("the validation data holds -infinity in field \"features\" of example 1 "
                        + "(value 8 of 8)");
    }

    @Test
    void aValidationSplitWhoseLossIsNotANumberStopsTheRunAfterTheEpochNamingTheOutputs() {
        // Healthy training data; validation values that are finite but near the float limit, so the
        // model's outputs overflow on them and the validation loss is not a number.
        Heard heard = new Heard();
        List<Integer> epochs = new ArrayList<>();
        TrainingRun run = new TrainingRun(mlp(), DATA[0], saturated(DATA[1]), List.of("features"), settings())
                .listener(new TrainingListener() {
                    @Override
                    public void onStep(StepReport s) {
                        heard.onStep(s);
                    }

                    @Override
                    public void onEpoch(EpochReport e) {
                        epochs.add(e.epoch());
                    }

                    @Override
                    public void onEnd(RunEnd end) {
                        heard.onEnd(end);
                    }
                });
        assertThatThrownBy(run::run).isInstanceOf(TrainingException.class)
                .hasMessageMatching("the validation loss became (NaN|Infinity) after epoch 1 while the training loss was "
                        + "[0-9.]+: the model's outputs overflow on some validation examples \\(the weights are finite\\); "
                        + "lower the learning rate or add normalisation")
                .hasMessageNotContaining("data holds");
        assertThat(heard.steps).hasSize(16); // the whole first epoch trained, then validation stopped it
        assertThat(epochs).isEmpty();        // the epoch with a validation loss that is not a number is not reported
        assertThat(heard.ends).singleElement().satisfies(e -> {
            assertThat(e.reason()).isEqualTo(EndReason.DIVERGED);
            assertThat(e.recoveries()).isEmpty();
        });
    }

    private static Examples withValue(Examples e, int example, int position, float value) {
        Field f = e.fields().get(0);
        float[] v = f.floats().clone();
        v[example * f.exampleSize() + position] = value;
        return new Examples(List.of(Field.floats(f.name(), f.kind(), f.shape(), v)), e.labels());
    }

    /** Every value pushed out to ±3e38, finite but near the float limit: a layer's sums of them overflow. */
    private static Examples saturated(Examples e) {
        Field f = e.fields().get(0);
        float[] v = f.floats().clone();
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.copySign(3e38f, v[i]);
        }
        return new Examples(List.of(Field.floats(f.name(), f.kind(), f.shape(), v)), e.labels());
    }

    private static Examples scaled(Examples e, float factor) {
        Field f = e.fields().get(0);
        float[] v = f.floats().clone();
        for (int i = 0; i < v.length; i++) {
            v[i] *= factor;
        }
        return new Examples(List.of(Field.floats(f.name(), f.kind(), f.shape(), v)), e.labels());
    }
}
