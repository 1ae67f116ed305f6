package dev.netloom.train;

import ai.djl.training.tracker.Tracker;

/**
 * The learning rate at each update: a linear warm-up from near zero, then constant, step decay
 * (×0.1 every {@code stepEvery} epochs) or cosine decay to zero at the last step, times a scale
 * that divergence recovery lowers.
 *
 * <p>The rate follows the run's own step ({@link #at}), not the optimiser's update count: a
 * rollback puts the optimiser's count back, while the run goes on from where it was.
 */
final class LearningRateSchedule implements Tracker {

    private final TrainingSettings settings;
    private final int stepsPerEpoch;
    private final int totalSteps;
    private final int warmupSteps;
    private volatile int step;
    private volatile double scale = 1;
    private volatile double once = 1;

    LearningRateSchedule(TrainingSettings settings, int stepsPerEpoch) {
        this.settings = settings;
        this.stepsPerEpoch = stepsPerEpoch;
        this.totalSteps = Math.max(1, stepsPerEpoch * settings.epochs());
        this.warmupSteps = (int) Math.round(settings.warmupEpochs() * stepsPerEpoch);
    }

    /** The next update is the run's global step {@code step} (0-based). */
    void at(int step) {
        this.step = step;
    }

    /** Multiplies every rate from now on (recovery lowers it). */
    void scaleBy(double factor) {
        scale *= factor;
    }

    /** The scale recovery has applied so far (1 before any recovery). */
    double scale() {
        return scale;
    }

    /**
     * Multiplies the rate of the next update only, then {@link #clearOnce()}; for tests that force
     * a divergence through the real update path.
     */
    void onceTimes(double factor) {
        once = factor;
    }

    void clearOnce() {
        once = 1;
    }

    @Override
    public float getNewValue(int numUpdate) {
        return (float) (rate(step) * once);
    }

    /** The rate at a global step (0-based), with recovery's scale. */
    float rate(int at) {
        double peak = settings.learningRate() * scale;
        if (at < warmupSteps) {
            return (float) (peak * (at + 1) / warmupSteps);
        }
        return (float) switch (settings.schedule()) {
            case "step" -> peak * Math.pow(0.1, (at / stepsPerEpoch) / settings.stepEvery());
            case "cosine" -> {
                double progress = (double) (at - warmupSteps) / Math.max(1, totalSteps - warmupSteps);
                yield peak * 0.5 * (1 + Math.cos(Math.PI * Math.min(1, progress)));
            }
            default -> peak;
        };
    }
}
