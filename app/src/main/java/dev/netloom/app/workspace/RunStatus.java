package dev.netloom.app.workspace;

/** Where a recorded run stands. */
public enum RunStatus {
    /** Training now (or its process died without saying so; see {@link RunLog#markInterrupted()}). */
    RUNNING,
    /** Ran its epochs, or stopped early on its own (early stopping). */
    FINISHED,
    /** Stopped by the person; its checkpoint can be resumed. */
    STOPPED,
    /** Ended with an error (for example a NaN loss). */
    FAILED,
    /** Its process ended without finishing the record: a crash or a kill. */
    INTERRUPTED,
    /** Stopped by the search's pruner. */
    PRUNED
}
