package dev.netloom.hpo;

/**
 * Thrown by {@link Study#optimize} when it stopped because of failing trials: the objective threw
 * an exception the caller did not list as tolerated (the {@link #getCause() cause}), or too many
 * trials failed in a row. Trials that finished before are kept in the study.
 */
public final class OptimizationStopped extends RuntimeException {

    private final transient FrozenTrial trial;

    OptimizationStopped(String message, FrozenTrial trial, Throwable cause) {
        super(message, cause);
        this.trial = trial;
    }

    /** The failed trial that stopped it: the one that threw, or the first of the failed run. */
    public FrozenTrial trial() {
        return trial;
    }
}
