package dev.netloom.app.training;

/** Where the Train view's run stands. */
public enum TrainState {
    /** No run yet in this session. */
    IDLE,
    /** Reading the data and building the model. */
    PREPARING,
    /** Taking steps. */
    RUNNING,
    /** Asked to stop; ends within one step. */
    STOPPING,
    /** Ran its epochs (or stopped early on its own), was scored on the test split and saved. */
    FINISHED,
    /** Stopped by the person; a checkpoint holds its last step. */
    STOPPED,
    /** Ended with an error, shown as one line. */
    FAILED;

    /** True while a run holds the training thread. */
    public boolean busy() {
        return this == PREPARING || this == RUNNING || this == STOPPING;
    }
}
