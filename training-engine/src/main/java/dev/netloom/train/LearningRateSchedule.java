package dev.netloom.train;

import ai.djl.training.tracker.Tracker;

/**
 * The learning rate at each update: a linear warm-up from near zero, then constant, step decay
 * (×0.1 every {@code stepEvery} epochs) or cosine decay to zero at the last step.
 */
final class LearningRateSchedule implements Tracker {

    private final TrainingSettings settings;
    private final int stepsPerEpoch;
    private final int totalSteps;
    private final int warmupSteps;
    private final int offset;

    /** @param firstStep the update count where this run starts (after resuming, the steps already done) */
    LearningRateSchedule(TrainingSettings settings, int stepsPerEpoch, int firstStep) {
        this.settings = settings;
        this.stepsPerEpoch = stepsPerEpoch;
        this.totalSteps = Math.max(1, stepsPerEpoch * settings.epochs());
        this.warmupSteps = (int) Math.round(settings.warmupEpochs() * stepsPerEpoch);
        this.offset = firstStep;
    }

    @Override
    public float getNewValue(int numUpdate) {
        return rate(offset + numUpdate);
    }

    /** The rate at a global step (0-based). */
    float rate(int step) {
        double peak = settings.learningRate();
        if (step < warmupSteps) {
            return (float) (peak * (step + 1) / warmupSteps);
        }
        return (float) switch (settings.schedule()) {
            case "step" -> peak * Math.pow(0.1, (step / stepsPerEpoch) / settings.stepEvery());
            case "cosine" -> {
                double progress = (double) (step - warmupSteps) / Math.max(1, totalSteps - warmupSteps);
                yield peak * 0.5 * (1 + Math.cos(Math.PI * Math.min(1, progress)));
            }
            default -> peak;
        };
    }
}
