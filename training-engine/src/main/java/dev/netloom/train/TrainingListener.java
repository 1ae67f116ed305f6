package dev.netloom.train;

import java.nio.file.Path;

/**
 * Hears a training run as it happens. The CLI's progress bar, the studio's charts, the workspace
 * recorder and the search's pruner are listeners. Every method has an empty default, so a
 * listener overrides only what it needs. Called on the training thread: hand work for a UI to
 * its own thread, and return quickly.
 */
public interface TrainingListener {

    /** A listener that hears nothing. */
    TrainingListener NONE = new TrainingListener() {
    };

    /** The run is about to take its first step. */
    default void onStart(RunStart start) {
    }

    /** A step ended. */
    default void onStep(StepReport step) {
    }

    /** An epoch ended and the validation split was evaluated. */
    default void onEpoch(EpochReport epoch) {
    }

    /** A consistent checkpoint was written. */
    default void onCheckpoint(Path checkpoint, int epoch) {
    }

    /**
     * The loss diverged and the run recovered: it went back to the last good weights and
     * optimiser state, lowered its learning rate, and goes on from the next step.
     */
    default void onRecovery(Recovery recovery) {
    }

    /** The run ended, for the given reason. */
    default void onEnd(RunEnd end) {
    }

    /**
     * @param examples training examples
     * @param stepsPerEpoch steps in one epoch
     * @param epochs epochs planned
     * @param firstEpoch the epoch the run starts at (1, or later when resuming)
     * @param estimatedBytes memory the run is estimated to need
     */
    record RunStart(int examples, int stepsPerEpoch, int epochs, int firstEpoch, long estimatedBytes) {
    }

    /**
     * @param step global step, from 1
     * @param epoch epoch, from 1
     * @param loss the step's training loss (including auxiliary losses)
     * @param accuracy the step's training accuracy
     * @param learningRate the rate used for this step
     * @param examplesPerSecond training throughput over the run so far
     * @param secondsLeft estimated seconds to the end of the last epoch
     */
    record StepReport(int step, int epoch, double loss, double accuracy, double learningRate, double examplesPerSecond,
                      double secondsLeft) {
    }

    /**
     * @param epoch epoch, from 1
     * @param trainLoss mean training loss over the epoch
     * @param trainAccuracy training accuracy over the epoch
     * @param validationLoss loss on the validation split
     * @param validationAccuracy accuracy on the validation split
     * @param seconds wall time of the epoch
     * @param expertShare for each MoE node, the share of token assignments each expert got this epoch
     * @param validationMeanIoU for a per-position classification head, the mean intersection over union
     *        of the classes on the validation split ({@link SegmentationScore}); NaN for other heads
     */
    record EpochReport(int epoch, double trainLoss, double trainAccuracy, double validationLoss,
                       double validationAccuracy, double seconds, java.util.Map<String, double[]> expertShare,
                       double validationMeanIoU) {

        /** A report of a head with one answer per example (no mean IoU). */
        public EpochReport(int epoch, double trainLoss, double trainAccuracy, double validationLoss,
                           double validationAccuracy, double seconds, java.util.Map<String, double[]> expertShare) {
            this(epoch, trainLoss, trainAccuracy, validationLoss, validationAccuracy, seconds, expertShare, Double.NaN);
        }

        /** Whether the run scored positions (a per-position head) and so has a mean IoU. */
        public boolean hasMeanIoU() {
            return !Double.isNaN(validationMeanIoU);
        }
    }

    /**
     * One divergence recovery.
     *
     * @param step the global step whose loss diverged, from 1
     * @param epoch its epoch
     * @param loss the loss it had (NaN, infinite, or finite and far above the recent losses)
     * @param cause one line: what was seen, for example {@code the loss became NaN} or
     *        {@code the loss jumped to 41.3, 12x its recent median 3.4}
     * @param rolledBackTo the step the restored weights and optimiser state were saved after (0: the start)
     * @param learningRateBefore the peak learning rate before
     * @param learningRateAfter the peak learning rate from now on
     * @param attempt which recovery this is, from 1
     * @param limit how many recoveries the run may make
     */
    record Recovery(int step, int epoch, double loss, String cause, int rolledBackTo, double learningRateBefore,
                    double learningRateAfter, int attempt, int limit) {

        /** One line for people, for example for the CLI and the Train view. */
        public String describe() {
            return String.format(java.util.Locale.ROOT, "recovered (%d of %d): %s at step %d (epoch %d); went back to "
                    + "the weights after step %d and lowered the learning rate from %.3g to %.3g", attempt, limit, cause,
                    step, epoch, rolledBackTo, learningRateBefore, learningRateAfter);
        }
    }

    /** Why a run ended. */
    enum EndReason {
        /** Every planned epoch ran. */
        COMPLETED,
        /** Validation accuracy stopped improving. */
        EARLY_STOPPED,
        /** Someone asked it to stop. */
        CANCELLED,
        /** The loss became NaN or infinite (or exploded) and recovery was off or did not help. */
        DIVERGED
    }

    /**
     * @param reason why it ended
     * @param message one line for people
     * @param epochsRun epochs that completed
     * @param bestValidationAccuracy the best validation accuracy seen (its weights are the run's result)
     * @param recoveries the divergence recoveries the run made, in order (empty for most runs)
     */
    record RunEnd(EndReason reason, String message, int epochsRun, double bestValidationAccuracy,
                  java.util.List<Recovery> recoveries) {

        public RunEnd {
            recoveries = java.util.List.copyOf(recoveries);
        }

        /** An end without recoveries. */
        public RunEnd(EndReason reason, String message, int epochsRun, double bestValidationAccuracy) {
            this(reason, message, epochsRun, bestValidationAccuracy, java.util.List.of());
        }
    }
}
