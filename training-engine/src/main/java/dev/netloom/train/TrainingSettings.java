package dev.netloom.train;

import dev.netloom.train.data.Augmentation;

import java.util.List;

/**
 * How to train: the optimiser and its schedule, batch and epochs, regularisation, stopping,
 * seed and threads. The project file's {@code training} section holds them; every field has a
 * default that trains the templates well.
 *
 * @param optimizer {@code sgd} (with momentum), {@code adam} or {@code adamw}
 * @param learningRate peak learning rate
 * @param momentum SGD momentum
 * @param schedule {@code constant}, {@code step} (×0.1 every {@code stepEvery} epochs) or {@code cosine}
 * @param warmupEpochs epochs of linear warm-up before the schedule (fractions allowed)
 * @param stepEvery epochs between decays of the step schedule
 * @param batchSize examples per step
 * @param epochs passes over the training split
 * @param weightDecay L2 penalty (decoupled for AdamW)
 * @param gradientClip clip the gradients' global norm to this; 0 for none
 * @param labelSmoothing share of the target spread over all classes
 * @param earlyStoppingPatience stop after this many epochs without a better validation accuracy; 0 for never
 * @param seed seeds weights, shuffling and dropout
 * @param threads CPU threads for the engine; {@link #AUTOMATIC_THREADS} (0) lets the run choose by model size
 * @param augmentation how training pictures are flipped and shifted ({@link Augmentation#NONE} for not at all)
 * @param divergenceRecovery when the loss becomes NaN or infinite or explodes, roll back to the last good
 *        weights and optimiser state, lower the learning rate ×{@value #RECOVERY_RATE_FACTOR} and go on, up
 *        to {@value #MAX_RECOVERIES} times; false stops the run at the first divergence
 */
public record TrainingSettings(String optimizer, double learningRate, double momentum, String schedule,
                               double warmupEpochs, int stepEvery, int batchSize, int epochs, double weightDecay,
                               double gradientClip, double labelSmoothing, int earlyStoppingPatience, long seed,
                               int threads, Augmentation augmentation, boolean divergenceRecovery) {

    public static final List<String> OPTIMIZERS = List.of("sgd", "adam", "adamw");
    public static final List<String> SCHEDULES = List.of("constant", "step", "cosine");
    /** How many times one run may roll back and lower its learning rate before it stops. */
    public static final int MAX_RECOVERIES = 3;
    /** {@code threads} value that leaves the choice to the run: {@link ThreadChoice} by model size. */
    public static final int AUTOMATIC_THREADS = 0;

    /** What each recovery multiplies the learning rate by. */
    public static final double RECOVERY_RATE_FACTOR = 0.3;

    public TrainingSettings {
        if (!OPTIMIZERS.contains(optimizer)) {
            throw new IllegalArgumentException("optimizer: must be one of " + OPTIMIZERS + ", got " + optimizer);
        }
        if (!SCHEDULES.contains(schedule)) {
            throw new IllegalArgumentException("schedule: must be one of " + SCHEDULES + ", got " + schedule);
        }
        check(learningRate > 0 && learningRate <= 10, "learningRate: must be in (0, 10]");
        check(momentum >= 0 && momentum < 1, "momentum: must be in [0, 1)");
        check(warmupEpochs >= 0, "warmupEpochs: must be >= 0");
        check(stepEvery >= 1, "stepEvery: must be >= 1");
        check(batchSize >= 1 && batchSize <= 65536, "batchSize: must be from 1 to 65536");
        check(epochs >= 1 && epochs <= 100000, "epochs: must be from 1 to 100000");
        check(weightDecay >= 0 && weightDecay < 1, "weightDecay: must be in [0, 1)");
        check(gradientClip >= 0, "gradientClip: must be >= 0");
        check(labelSmoothing >= 0 && labelSmoothing < 1, "labelSmoothing: must be in [0, 1)");
        check(earlyStoppingPatience >= 0, "earlyStoppingPatience: must be >= 0");
        check(threads >= 0 && threads <= 256, "threads: must be from 1 to 256, or 0 to let the run choose");
        java.util.Objects.requireNonNull(augmentation, "augmentation");
    }

    /** Settings with divergence recovery on. */
    public TrainingSettings(String optimizer, double learningRate, double momentum, String schedule, double warmupEpochs,
                            int stepEvery, int batchSize, int epochs, double weightDecay, double gradientClip,
                            double labelSmoothing, int earlyStoppingPatience, long seed, int threads,
                            Augmentation augmentation) {
        this(optimizer, learningRate, momentum, schedule, warmupEpochs, stepEvery, batchSize, epochs, weightDecay,
                gradientClip, labelSmoothing, earlyStoppingPatience, seed, threads, augmentation, true);
    }

    /**
     * Adam at 1e-3 with a cosine schedule, batch 64, 10 epochs, threads chosen by model size
     * ({@link ThreadChoice}: one for small models, so the same seed gives the same numbers),
     * divergence recovery on: a sound start for every template.
     */
    public static TrainingSettings defaults() {
        return new TrainingSettings("adam", 1e-3, 0.9, "cosine", 0, 30, 64, 10, 0, 0, 0, 0, 42, AUTOMATIC_THREADS,
                Augmentation.NONE);
    }

    public TrainingSettings withEpochs(int n) {
        return new TrainingSettings(optimizer, learningRate, momentum, schedule, warmupEpochs, stepEvery, batchSize, n,
                weightDecay, gradientClip, labelSmoothing, earlyStoppingPatience, seed, threads, augmentation,
                divergenceRecovery);
    }

    public TrainingSettings withSeed(long s) {
        return new TrainingSettings(optimizer, learningRate, momentum, schedule, warmupEpochs, stepEvery, batchSize,
                epochs, weightDecay, gradientClip, labelSmoothing, earlyStoppingPatience, s, threads, augmentation,
                divergenceRecovery);
    }

    public TrainingSettings withBatchSize(int b) {
        return new TrainingSettings(optimizer, learningRate, momentum, schedule, warmupEpochs, stepEvery, b, epochs,
                weightDecay, gradientClip, labelSmoothing, earlyStoppingPatience, seed, threads, augmentation,
                divergenceRecovery);
    }

    public TrainingSettings withLearningRate(double lr) {
        return new TrainingSettings(optimizer, lr, momentum, schedule, warmupEpochs, stepEvery, batchSize, epochs,
                weightDecay, gradientClip, labelSmoothing, earlyStoppingPatience, seed, threads, augmentation,
                divergenceRecovery);
    }

    public TrainingSettings withDivergenceRecovery(boolean on) {
        return new TrainingSettings(optimizer, learningRate, momentum, schedule, warmupEpochs, stepEvery, batchSize,
                epochs, weightDecay, gradientClip, labelSmoothing, earlyStoppingPatience, seed, threads, augmentation, on);
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
