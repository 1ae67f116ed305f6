package dev.netloom.train;

import dev.netloom.graph.analysis.GraphAnalysis;

/**
 * How many engine threads a run uses when the project does not say ({@code threads} absent or 0).
 *
 * <p>The rule, from bench/training-throughput.sh on a 2-core x86-64 machine (issue 15, one run):
 * the MLP 784-256-128-10 (15 million multiply-adds per step of 64) ran 192.6 steps/s on one
 * thread and 163.2 on two — its operations are too small to share — while the small CNN (364
 * million per step) went from 11.3 to 17.9. A step below {@link #PARALLEL_FROM} multiply-adds gets
 * one thread (which also makes the same seed give the same weights, bit for bit); above it, two,
 * or one on a one-core machine. More than two is never chosen: nothing here has measured it.
 */
public final class ThreadChoice {

    /** Multiply-adds per training step (forward, whole batch) from which two threads pay. */
    public static final long PARALLEL_FROM = 100_000_000L;

    private ThreadChoice() {
    }

    /** The threads for a model at a batch size: 1 or 2 (see the class comment). */
    public static int threadsFor(GraphAnalysis analysis, int batchSize) {
        return threadsFor(analysis.total().activeMultiplyAdds(), batchSize, Runtime.getRuntime().availableProcessors());
    }

    /** The rule itself, for a model computing {@code multiplyAddsPerExample} on a machine with {@code cores}. */
    static int threadsFor(long multiplyAddsPerExample, int batchSize, int cores) {
        double perStep = (double) multiplyAddsPerExample * batchSize;
        return perStep >= PARALLEL_FROM && cores >= 2 ? 2 : 1;
    }

    /** The threads a run uses: the settings' own, or the rule's when they leave it to the run (0). */
    public static int resolve(TrainingSettings settings, GraphAnalysis analysis) {
        return settings.threads() == TrainingSettings.AUTOMATIC_THREADS
                ? threadsFor(analysis, settings.batchSize()) : settings.threads();
    }
}
