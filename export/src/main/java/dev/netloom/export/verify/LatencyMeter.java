package dev.netloom.export.verify;

import dev.netloom.graph.artifact.Tensor;

import java.util.Arrays;
import java.util.Map;

/**
 * Measures how long one prediction takes in ONNX Runtime on this computer: a batch of one, a few
 * warm-up runs, then the median of timed runs (the median, because this machine is shared and
 * noisy).
 */
public final class LatencyMeter {

    private LatencyMeter() {
    }

    /**
     * The latency distribution of one prediction.
     *
     * @param medianMs median over the timed runs
     * @param p90Ms 90th percentile
     * @param runs timed runs
     */
    public record Latency(double medianMs, double p90Ms, int runs) {
    }

    /**
     * Runs {@code input} (a batch of one) until {@code budgetMillis} has passed or {@code maxRuns} were
     * timed, whichever comes first, after {@code warmup} untimed runs.
     */
    public static Latency measure(OnnxSession session, Map<String, Tensor> input, int warmup, int maxRuns,
                                  long budgetMillis) {
        for (int i = 0; i < warmup; i++) {
            session.run(input);
        }
        double[] times = new double[maxRuns];
        int n = 0;
        long deadline = System.nanoTime() + budgetMillis * 1_000_000;
        while (n < maxRuns && (n < 5 || System.nanoTime() < deadline)) {
            long start = System.nanoTime();
            session.run(input);
            times[n++] = (System.nanoTime() - start) / 1e6;
        }
        double[] sorted = Arrays.copyOf(times, n);
        Arrays.sort(sorted);
        return new Latency(sorted[n / 2], sorted[Math.min(n - 1, (int) Math.ceil(n * 0.9) - 1)], n);
    }

    /** The first row of each tensor: a batch of one. */
    public static Map<String, Tensor> firstRow(Map<String, Tensor> batch) {
        Map<String, Tensor> one = new java.util.LinkedHashMap<>();
        batch.forEach((name, t) -> one.put(name, EvaluationSet.rows(t, 0, 1)));
        return one;
    }
}
