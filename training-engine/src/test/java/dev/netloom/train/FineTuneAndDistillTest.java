package dev.netloom.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.netloom.graph.analysis.GraphAnalysis;
import dev.netloom.graph.artifact.Tensor;
import dev.netloom.train.data.Examples;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Fine-tuning from trained weights with frozen nodes, and distillation from a teacher. */
class FineTuneAndDistillTest {

    private static GraphAnalysis mlp(int hidden, int classes) {
        return Sketch.graph()
                .node("in", "Tabular", "features", 8)
                .node("fc", "Dense", "units", hidden)
                .node("act", "Activation")
                .node("head", "Classification", "classes", classes)
                .chain("in", "fc", "act", "head").analyze();
    }

    private static final Examples[] THREE = ToyData.split(ToyData.vectors(500, 8, 3, 11), 400);
    private static final TrainingSettings SETTINGS = TrainingSettings.defaults().withEpochs(5).withBatchSize(32)
            .withLearningRate(0.01);

    @Test
    void fineTuningKeepsFrozenNodesAndTrainsANewHead() throws Exception {
        Map<String, Tensor> pretrained;
        try (var base = new TrainingRun(mlp(16, 3), THREE[0], THREE[1], List.of("features"), SETTINGS).run()) {
            pretrained = base.model().weights();
        }
        // A new task with 2 classes (merge classes 1 and 2): same body, a new head.
        Examples[] two = ToyData.split(relabel(ToyData.vectors(300, 8, 3, 12)), 240);
        TrainingRun tune = new TrainingRun(mlp(16, 2), two[0], two[1], List.of("features"), SETTINGS.withEpochs(3))
                .startFrom(pretrained).freeze(Set.of("fc"));
        try (var tuned = tune.run()) {
            assertThat(tune.reusedWeights()).containsExactlyInAnyOrder("fc.weight", "fc.bias");
            Map<String, Tensor> after = tuned.model().weights();
            assertThat(after.get("fc.weight")).isEqualTo(pretrained.get("fc.weight"));
            assertThat(after.get("fc.bias")).isEqualTo(pretrained.get("fc.bias"));
            assertThat(tuned.end().bestValidationAccuracy()).isGreaterThan(0.85);
        }
    }

    @Test
    void aStudentLearnsTheTaskFromTheTeacherAloneAndNothingFromAnUntrainedOne() throws Exception {
        // Weight 1: the labels play no part, so whatever the student learns comes from the teacher.
        try (var teacher = new TrainingRun(mlp(32, 3), THREE[0], THREE[1], List.of("features"), SETTINGS).run();
             var student = new TrainingRun(mlp(8, 3), THREE[0], THREE[1], List.of("features"), SETTINGS.withEpochs(8))
                     .distillFrom(teacher.model(), 2.0, 1.0).run();
             var untrained = TrainedModel.create(mlp(32, 3), List.of("features"), 99);
             var lost = new TrainingRun(mlp(8, 3), THREE[0], THREE[1], List.of("features"), SETTINGS.withEpochs(8))
                     .distillFrom(untrained, 2.0, 1.0).run()) {
            assertThat(teacher.end().bestValidationAccuracy()).isGreaterThan(0.9);
            assertThat(student.end().bestValidationAccuracy()).isGreaterThan(0.85);
            assertThat(lost.end().bestValidationAccuracy()).isLessThan(0.7);
        }
    }

    @Test
    void theDistillationTermIsZeroWhenStudentAndTeacherAgree() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray logits = m.create(new float[] {1, 2, 3, -1, 0, 1}, new ai.djl.ndarray.types.Shape(2, 3));
            assertThat(Losses.distillation(logits, logits, 2f).getFloat()).isCloseTo(0f, within(1e-6f));
            NDArray other = m.create(new float[] {3, 2, 1, 1, 0, -1}, new ai.djl.ndarray.types.Shape(2, 3));
            assertThat(Losses.distillation(logits, other, 2f).getFloat()).isPositive();
        }
    }

    private static Examples relabel(Examples e) {
        int[] labels = e.labels().clone();
        for (int i = 0; i < labels.length; i++) {
            labels[i] = labels[i] == 0 ? 0 : 1;
        }
        return new Examples(e.fields(), labels);
    }
}
