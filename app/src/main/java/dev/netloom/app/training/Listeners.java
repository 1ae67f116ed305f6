package dev.netloom.app.training;

import dev.netloom.train.TrainingListener;

import java.nio.file.Path;

/** Two training listeners heard as one, in order (a progress display and the workspace recorder). */
public record Listeners(TrainingListener first, TrainingListener second) implements TrainingListener {

    /** Both listeners; a null one is left out. */
    public static TrainingListener both(TrainingListener first, TrainingListener second) {
        if (first == null) {
            return second == null ? TrainingListener.NONE : second;
        }
        return second == null ? first : new Listeners(first, second);
    }

    @Override
    public void onStart(RunStart start) {
        first.onStart(start);
        second.onStart(start);
    }

    @Override
    public void onStep(StepReport step) {
        first.onStep(step);
        second.onStep(step);
    }

    @Override
    public void onEpoch(EpochReport epoch) {
        first.onEpoch(epoch);
        second.onEpoch(epoch);
    }

    @Override
    public void onCheckpoint(Path checkpoint, int epoch) {
        first.onCheckpoint(checkpoint, epoch);
        second.onCheckpoint(checkpoint, epoch);
    }

    @Override
    public void onRecovery(Recovery recovery) {
        first.onRecovery(recovery);
        second.onRecovery(recovery);
    }

    @Override
    public void onEnd(RunEnd end) {
        first.onEnd(end);
        second.onEnd(end);
    }
}
