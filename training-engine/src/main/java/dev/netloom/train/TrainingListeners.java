package dev.netloom.train;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every listener added to a run, heard as one: each event goes to each listener in the order they
 * were added (the recorder before the progress display, so an epoch the user saw end is recorded).
 * A listener that throws stops the event there, as it would stop the run.
 */
final class TrainingListeners implements TrainingListener {

    // Copy on write: listeners are added before the run, events are many and come from its thread.
    private final List<TrainingListener> all = new CopyOnWriteArrayList<>();

    void add(TrainingListener listener) {
        all.add(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public void onStart(RunStart start) {
        all.forEach(l -> l.onStart(start));
    }

    @Override
    public void onStep(StepReport step) {
        all.forEach(l -> l.onStep(step));
    }

    @Override
    public void onEpoch(EpochReport epoch) {
        all.forEach(l -> l.onEpoch(epoch));
    }

    @Override
    public void onCheckpoint(Path checkpoint, int epoch) {
        all.forEach(l -> l.onCheckpoint(checkpoint, epoch));
    }

    @Override
    public void onRecovery(Recovery recovery) {
        all.forEach(l -> l.onRecovery(recovery));
    }

    @Override
    public void onEnd(RunEnd end) {
        all.forEach(l -> l.onEnd(end));
    }
}
