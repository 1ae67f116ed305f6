package dev.netloom.train;

import dev.netloom.graph.Precision;
import dev.netloom.graph.analysis.GraphAnalysis;
import dev.netloom.graph.artifact.Tensor;
import dev.netloom.graph.quantize.QuantizationPlan;
import dev.netloom.graph.quantize.WeightRule;
import dev.netloom.train.data.Examples;
import dev.netloom.train.quantize.WeightQuantization;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Quantization-aware training on a small task: fine-tuning an FP32 model for ternary weights
 * recovers what rounding it after training loses, and the model a run returns predicts with
 * its weights rounded.
 */
class QuantizationAwareTrainingTest {

    private static GraphAnalysis mlp() {
        return Sketch.graph()
                .node("in", "Tabular", "features", 16)
                .node("fc", "Dense", "units", 32)
                .node("act", "Activation", "function", "ReLU")
                .node("head", "Classification", "classes", 6)
                .chain("in", "fc", "act", "head").analyze();
    }

    private static final Examples[] DATA = ToyData.split(linearClasses(2000, 16, 6, 4), 1500);

    /**
     * Gaussian rows labelled by which of {@code classes} random linear scores is largest: fine
     * boundaries between classes, where weights rounded after training misplace many rows.
     */
    static Examples linearClasses(int count, int features, int classes, long seed) {
        java.util.Random fixed = new java.util.Random(77);
        float[][] w = new float[classes][features];
        for (float[] row : w) {
            for (int i = 0; i < features; i++) {
                row[i] = (float) fixed.nextGaussian();
            }
        }
        java.util.Random r = new java.util.Random(seed);
        float[] values = new float[count * features];
        int[] labels = new int[count];
        for (int n = 0; n < count; n++) {
            double best = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < features; i++) {
                values[n * features + i] = (float) r.nextGaussian();
            }
            for (int c = 0; c < classes; c++) {
                double score = 0;
                for (int i = 0; i < features; i++) {
                    score += w[c][i] * values[n * features + i];
                }
                if (score > best) {
                    best = score;
                    labels[n] = c;
                }
            }
        }
        return new Examples(List.of(dev.netloom.train.data.Field.floats("features",
                dev.netloom.train.data.FieldKind.FEATURES, new int[] {features}, values)), labels);
    }

    private static TrainingSettings settings(int epochs) {
        return TrainingSettings.defaults().withEpochs(epochs).withBatchSize(32).withLearningRate(0.01);
    }

    @Test
    void fineTuningForTernaryBeatsRoundingAfterTraining() throws Exception {
        GraphAnalysis analysis = mlp();
        QuantizationPlan ternary = new QuantizationPlan(Precision.INT2, Map.of(), new WeightRule(16, true));
        Map<String, Tensor> fp32;
        double fp32Accuracy;
        double rounded;
        try (TrainingRun.Result trained = new TrainingRun(analysis, DATA[0], DATA[1], List.of("features"), settings(10)).run()) {
            fp32 = trained.model().weights();
            fp32Accuracy = TrainingRun.evaluate(trained.model(), DATA[1], 64)[1];
            trained.model().setWeights(new WeightQuantization(analysis, ternary).rounded(fp32));
            rounded = TrainingRun.evaluate(trained.model(), DATA[1], 64)[1];
        }
        double qat;
        try (TrainingRun.Result tuned = new TrainingRun(analysis, DATA[0], DATA[1], List.of("features"),
                settings(6).withLearningRate(0.003)).startFrom(fp32).quantizeFor(ternary).run()) {
            assertThat(tuned.model().block().quantization()).isPresent();
            qat = TrainingRun.evaluate(tuned.model(), DATA[1], 64)[1];
            // The model predicts with rounded weights: setting them rounded by hand changes nothing.
            Map<String, Tensor> latent = tuned.model().weights();
            tuned.model().block().quantize(null);
            tuned.model().setWeights(new WeightQuantization(analysis, ternary).rounded(latent));
            assertThat(TrainingRun.evaluate(tuned.model(), DATA[1], 64)[1]).isEqualTo(qat);
        }
        assertThat(fp32Accuracy).isGreaterThan(0.75);
        assertThat(qat).as("QAT %.3f vs rounding %.3f (FP32 %.3f)", qat, rounded, fp32Accuracy).isGreaterThan(rounded + 0.05);
    }

    @Test
    void weightsTheExportKeepsInFp32AreNotRounded() {
        GraphAnalysis analysis = Sketch.graph()
                .node("in", "Tabular", "features", 8)
                .node("fc", "Dense", "units", 8)
                .node("norm", "LayerNorm")
                .node("head", "Classification", "classes", 3)
                .chain("in", "fc", "norm", "head").analyze();
        WeightQuantization q = new WeightQuantization(analysis,
                new QuantizationPlan(Precision.INT4, Map.of("head", Precision.FP32), WeightRule.defaults()));
        assertThat(q.forWeight("fc", "weight")).hasValueSatisfying(f -> assertThat(f.precision()).isEqualTo(Precision.INT4));
        assertThat(q.forWeight("fc", "bias")).isEmpty();
        assertThat(q.forWeight("norm", "gamma")).isEmpty();
        assertThat(q.forWeight("head", "weight")).isEmpty();
    }
}
