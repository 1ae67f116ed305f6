package dev.netloom.train;

import dev.netloom.graph.analysis.GraphAnalysis;
import dev.netloom.graph.artifact.Tensor;
import dev.netloom.train.data.Examples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run stopped after an epoch and resumed from its checkpoint file ends exactly where the
 * uninterrupted run ends: the file holds the optimiser's moments and the best weights, and an
 * epoch's random draws (dropout here) depend on the seed and the epoch only.
 */
class CheckpointResumeTest {

    private static final Examples[] DATA = ToyData.split(ToyData.vectors(600, 8, 3, 1), 500);

    /** Adam with dropout: both the moments and the random masks matter for the numbers. */
    private static TrainingRun run() {
        GraphAnalysis mlp = Sketch.graph()
                .node("in", "Tabular", "features", 8)
                .node("fc", "Dense", "units", 16)
                .node("drop", "Dropout", "rate", 0.3)
                .node("act", "Activation", "function", "ReLU")
                .node("head", "Classification", "classes", 3)
                .chain("in", "fc", "drop", "act", "head").analyze();
        return new TrainingRun(mlp, DATA[0], DATA[1], List.of("features"),
                TrainingSettings.defaults().withEpochs(3).withBatchSize(32).withLearningRate(0.01));
    }

    /** Every step's loss, bit for bit, and every epoch's validation loss. */
    private static final class Numbers implements TrainingListener {
        final List<Double> steps = new ArrayList<>();
        final List<Double> validation = new ArrayList<>();

        @Override
        public void onStep(StepReport s) {
            steps.add(s.loss());
        }

        @Override
        public void onEpoch(EpochReport e) {
            validation.add(e.validationLoss());
        }
    }

    @Test
    void aRunResumedAfterAnEpochEndsExactlyAsTheUninterruptedRun(@TempDir Path dir) throws Exception {
        Numbers whole = new Numbers();
        Map<String, Tensor> wholeWeights;
        try (var r = run().listener(whole).run()) {
            wholeWeights = r.model().weights();
        }
        assertThat(whole.steps).hasSize(3 * 16);

        Path checkpoint = stopAfterFirstEpoch(dir.resolve("run.ckpt"));
        Checkpoint saved = Checkpoint.read(checkpoint);
        assertThat(saved.epochsDone()).isEqualTo(1);
        assertThat(saved.optimizer()).isNotNull();
        assertThat(saved.optimizer().optimizer()).isEqualTo("adam");
        assertThat(saved.optimizer().first().keySet()).containsExactlyInAnyOrder("fc.weight", "fc.bias",
                "head.weight", "head.bias");
        assertThat(saved.optimizer().second().keySet()).isEqualTo(saved.optimizer().first().keySet());
        assertThat(saved.optimizer().counts().values()).containsOnly(16);
        assertThat(saved.optimizer().numUpdate()).isEqualTo(16);
        assertThat(saved.bestWeights()).isNotNull();

        Numbers resumed = new Numbers();
        try (var r = run().resumeFrom(checkpoint).listener(resumed).run()) {
            assertThat(resumed.steps).isEqualTo(whole.steps.subList(16, 48));
            assertThat(resumed.validation).isEqualTo(whole.validation.subList(1, 3));
            assertThat(r.model().weights()).isEqualTo(wholeWeights);
        }
    }

    @Test
    void withoutTheOptimiserStateAResumedRunDrifts(@TempDir Path dir) throws Exception {
        // The same resume from a checkpoint stripped of its moments (as files written before they
        // were kept): it still resumes, but the numbers are not the uninterrupted run's.
        Numbers whole = new Numbers();
        try (var r = run().listener(whole).run()) {
            assertThat(r.end().epochsRun()).isEqualTo(3);
        }
        Path checkpoint = stopAfterFirstEpoch(dir.resolve("run.ckpt"));
        Checkpoint full = Checkpoint.read(checkpoint);
        Path old = dir.resolve("old.ckpt");
        Checkpoint.write(old, new Checkpoint(full.weights(), full.epochsDone(), full.steps(), full.bestAccuracy(),
                full.learningRateScale(), null, null));
        Numbers resumed = new Numbers();
        try (var r = run().resumeFrom(old).listener(resumed).run()) {
            assertThat(r.end().epochsRun()).isEqualTo(3);
            assertThat(resumed.steps).hasSize(32).isNotEqualTo(whole.steps.subList(16, 48));
            // The first step after the resume still sees the same weights and batch: the same loss.
            assertThat(resumed.steps.get(0)).isEqualTo(whole.steps.get(16));
        }
    }

    /** Trains one epoch with a checkpoint file, then cancels before the second epoch's first step. */
    private static Path stopAfterFirstEpoch(Path checkpoint) throws Exception {
        TrainingRun first = run().checkpointTo(checkpoint);
        first.listener(new TrainingListener() {
            @Override
            public void onEpoch(EpochReport epoch) {
                first.cancel();
            }
        });
        try (var cancelled = first.run()) {
            assertThat(cancelled.end().reason()).isEqualTo(TrainingListener.EndReason.CANCELLED);
            assertThat(cancelled.end().epochsRun()).isEqualTo(1);
        }
        return checkpoint;
    }
}
