package dev.netloom.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** An ensemble's soft targets are the average of its teachers' softmaxes at the temperature. */
class SoftTargetsTest {

    @Test
    void theEnsemblesSoftmaxAtTIsTheMeanOfTheTeachersSoftmaxes() {
        float t = 2f;
        float[] a = {2, 0, -1};
        float[] b = {-1, 3, 0.5f};
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray stacked = m.create(new float[] {2, 0, -1, -1, 3, 0.5f}, new Shape(2, 1, 3)).div(t).logSoftmax(2);
            float[] soft = SoftTargets.ensemble(stacked, t).div(t).softmax(1).toFloatArray();
            double[] pa = softmax(a, t);
            double[] pb = softmax(b, t);
            for (int c = 0; c < 3; c++) {
                assertThat((double) soft[c]).isCloseTo((pa[c] + pb[c]) / 2, within(1e-6));
            }
        }
    }

    @Test
    void aTeacherSureToTheLimitOfAFloatGivesFiniteTargets() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray stacked = m.create(new float[] {0, -1e30f, -1e30f, 0, -1e30f, -1e30f}, new Shape(2, 1, 3));
            for (float v : SoftTargets.ensemble(stacked, 4f).toFloatArray()) {
                assertThat(Float.isFinite(v)).isTrue();
            }
        }
    }

    private static double[] softmax(float[] logits, float t) {
        double sum = 0;
        double[] p = new double[logits.length];
        for (int i = 0; i < logits.length; i++) {
            p[i] = Math.exp(logits[i] / t);
            sum += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= sum;
        }
        return p;
    }
}
