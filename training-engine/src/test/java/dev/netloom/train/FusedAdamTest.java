package dev.netloom.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The fused update is Adam (or AdamW) as PyTorch defines it, written out here in doubles. */
class FusedAdamTest {

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void updatesFollowPyTorchsAdamAndZeroTheGradients(boolean decoupled) {
        Engine.getInstance();
        float lr = 0.01f;
        float wd = 0.05f;
        int size = 37; // not a multiple of the vector width: the kernel's tail is checked too
        try (NDManager manager = NDManager.newBaseManager(); FusedAdam fused = new FusedAdam(manager)) {
            double[] w = values(size, 1);
            double[] m = new double[size];
            double[] v = new double[size];
            NDArray weight = manager.create(floats(w));
            NDArray first = manager.zeros(weight.getShape());
            NDArray second = manager.zeros(weight.getShape());
            for (int t = 1; t <= 6; t++) {
                double[] g = values(size, 100 + t);
                NDArray gradient = manager.create(floats(g));
                fused.update(List.of(weight), List.of(gradient), List.of(first), List.of(second), t, lr, 0.9f, 0.999f,
                        wd, 1e-8f, decoupled);
                assertThat(gradient.toFloatArray()).containsOnly(0f);
                for (int i = 0; i < size; i++) {
                    double gi = decoupled ? g[i] : g[i] + wd * w[i];
                    if (decoupled) {
                        w[i] *= 1 - lr * wd;
                    }
                    m[i] = 0.9 * m[i] + 0.1 * gi;
                    v[i] = 0.999 * v[i] + 0.001 * gi * gi;
                    double mHat = m[i] / (1 - Math.pow(0.9, t));
                    double vHat = v[i] / (1 - Math.pow(0.999, t));
                    w[i] -= lr * mHat / (Math.sqrt(vHat) + 1e-8);
                }
            }
            float[] got = weight.toFloatArray();
            for (int i = 0; i < size; i++) {
                // float32 arithmetic against double: a few ulps of a weight of size ~1
                assertThat((double) got[i]).as("weight %d", i).isCloseTo(w[i], within(1e-5));
            }
        }
    }

    private static double[] values(int n, long seed) {
        Random r = new Random(seed);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = r.nextGaussian();
        }
        return out;
    }

    private static float[] floats(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }
}
