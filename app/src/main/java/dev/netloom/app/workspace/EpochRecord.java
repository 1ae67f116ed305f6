package dev.netloom.app.workspace;

/**
 * One finished epoch of a run: written when the epoch ends, so a crash loses at most the epoch
 * in progress.
 *
 * @param runId the run
 * @param epoch 1-based
 * @param trainLoss mean training loss
 * @param trainAccuracy training accuracy (share)
 * @param validationLoss validation loss
 * @param validationAccuracy validation accuracy (share)
 * @param seconds how long the epoch took
 * @param expertShare MoE nodes' share of tokens per expert, as JSON ({@code {}} without MoE)
 */
public record EpochRecord(long runId, int epoch, double trainLoss, double trainAccuracy, double validationLoss,
                          double validationAccuracy, double seconds, String expertShare) {
}
