package dev.netloom.hpo;

/** Where a trial is in its life: WAITING (enqueued) → RUNNING → COMPLETE, PRUNED or FAIL. */
public enum TrialState {
    /** Enqueued with fixed parameters; the next worker that asks takes it. */
    WAITING,
    /** A worker is evaluating it and heart-beating (when heartbeats are on). */
    RUNNING,
    /** The objective returned its value(s). */
    COMPLETE,
    /** A pruner stopped it early; its value is the last intermediate value. */
    PRUNED,
    /** The objective threw, returned NaN, or its worker stopped heart-beating. */
    FAIL;

    /** Whether the trial will never change again. */
    public boolean isFinished() {
        return this == COMPLETE || this == PRUNED || this == FAIL;
    }
}
