package dev.netloom.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The fused objective is the one {@link Losses} defines: same value, same gradient, same count. */
class FusedLossTest {

    @ParameterizedTest
    @ValueSource(floats = {0f, 0.1f})
    void matchesTheObjectiveBuiltFromSeparateOperators(float smoothing) {
        Engine.getInstance();
        int rows = 13;
        int classes = 7;
        Random random = new Random(5);
        float[] values = new float[rows * classes];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (3 * random.nextGaussian());
        }
        long[] labels = new long[rows];
        for (int i = 0; i < rows; i++) {
            labels[i] = random.nextInt(classes);
        }
        try (NDManager manager = NDManager.newBaseManager(); FusedLoss fused = new FusedLoss(manager, smoothing)) {
            NDArray y = manager.create(labels);
            NDArray a = manager.create(values, new Shape(rows, classes));
            NDArray b = manager.create(values, new Shape(rows, classes));
            a.setRequiresGradient(true);
            b.setRequiresGradient(true);
            float ours;
            long oursCorrect;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDList out = fused.lossAndCorrect(a, y);
                ours = out.get(0).getFloat();
                oursCorrect = out.get(1).getLong();
                collector.backward(out.get(0));
            }
            float reference;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray loss = Losses.crossEntropy(b, y, smoothing);
                reference = loss.getFloat();
                collector.backward(loss);
            }
            assertThat(ours).isCloseTo(reference, within(1e-5f * Math.abs(reference)));
            assertThat(oursCorrect).isEqualTo(Losses.correct(b, y));
            float[] ga = a.getGradient().toFloatArray();
            float[] gb = b.getGradient().toFloatArray();
            for (int i = 0; i < ga.length; i++) {
                assertThat(ga[i]).as("gradient %d", i).isCloseTo(gb[i], within(1e-6f));
            }
        }
    }
}
