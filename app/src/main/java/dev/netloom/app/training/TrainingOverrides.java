package dev.netloom.app.training;

import dev.netloom.train.TrainingSettings;

/**
 * The few settings a person changes for one run without editing the project's training section:
 * {@code netloom train}'s {@code --epochs}, {@code --batch-size}, {@code --learning-rate},
 * {@code --threads}, {@code --seed}, and the Train view's fields. A null keeps the section's value.
 */
public record TrainingOverrides(Integer epochs, Integer batchSize, Double learningRate, Integer threads, Long seed) {

    /** The settings with these values put in (checked by {@link TrainingSettings} itself). */
    public TrainingSettings applyTo(TrainingSettings s) {
        return new TrainingSettings(s.optimizer(), learningRate != null ? learningRate : s.learningRate(), s.momentum(),
                s.schedule(), s.warmupEpochs(), s.stepEvery(), batchSize != null ? batchSize : s.batchSize(),
                epochs != null ? epochs : s.epochs(), s.weightDecay(), s.gradientClip(), s.labelSmoothing(),
                s.earlyStoppingPatience(), seed != null ? seed : s.seed(), threads != null ? threads : s.threads(),
                s.augmentation(), s.divergenceRecovery());
    }
}
