package dev.netloom.hpo.sampler;

import java.util.SplittableRandom;

/** For {@code hpo/bench/gp.sh}: the time of one model fit with the default settings. */
public final class GpFitTiming {

    private GpFitTiming() {
    }

    /** Milliseconds to fit a process to these points (numeric inputs in [0, 1]). */
    public static double fitMillis(double[][] x, double[] y) {
        GpSettings s = GpSettings.defaults();
        double mean = 0;
        for (double v : y) {
            mean += v / y.length;
        }
        double[] z = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            z[i] = y[i] - mean;
        }
        long start = System.nanoTime();
        GaussianProcess.fit(x, new boolean[x[0].length], z, new SplittableRandom(1), s.fitRestarts(), s.fitEvaluations());
        return (System.nanoTime() - start) / 1e6;
    }
}
