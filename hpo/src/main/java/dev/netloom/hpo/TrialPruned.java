package dev.netloom.hpo;

/**
 * Thrown by an objective to stop its trial early, usually after {@link Trial#shouldPrune()} said so.
 * The study records the trial as PRUNED, not as FAIL.
 */
public class TrialPruned extends RuntimeException {

    public TrialPruned() {
        super("trial pruned");
    }

    public TrialPruned(String message) {
        super(message);
    }
}
