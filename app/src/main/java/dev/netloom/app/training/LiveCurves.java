package dev.netloom.app.training;

import dev.netloom.train.TrainingListener;

import java.util.HashMap;
import java.util.Map;

/**
 * Builds what the Train view draws from a run's events, on the training thread: the learning
 * curves within their point budgets (training per step, smoothed; validation per epoch), the
 * progress, and the latest experts' shares. Every method is synchronized: the training thread
 * writes, the FX thread takes {@link #snapshot()}s at most twenty times a second.
 *
 * <p>One instance follows a run and its resumes, so resumed curves continue where they stopped.
 */
final class LiveCurves implements TrainingListener {

    /**
     * How much of the previous smoothed value a step keeps (an exponential moving average with a
     * bias correction for the first steps, as TensorBoard smooths).
     */
    static final double SMOOTHING = 0.9;

    /** What the view shows at one moment. */
    record Snapshot(Curves curves, Progress progress, Map<String, double[]> experts) {
    }

    private final PointBudget trainingLoss;
    private final PointBudget trainingAccuracy;
    private final PointBudget validationLoss;
    private final PointBudget validationAccuracy;
    private final Runnable changed;
    private double lossAverage;
    private double accuracyAverage;
    private long averaged;
    private int stepsPerEpoch = 1;
    private int epochs;
    private int epoch;
    private int stepInEpoch;
    private Progress progress = Progress.NONE;
    private Map<String, double[]> experts = Map.of();

    /**
     * @param budget points per curve
     * @param changed called after every event (the view's throttled redraw request)
     */
    LiveCurves(int budget, Runnable changed) {
        this.changed = changed;
        // Buckets start at a hundredth of an epoch; they widen as the run grows.
        trainingLoss = new PointBudget(budget, 0.01);
        trainingAccuracy = new PointBudget(budget, 0.01);
        validationLoss = new PointBudget(budget, 0.01);
        validationAccuracy = new PointBudget(budget, 0.01);
    }

    @Override
    public synchronized void onStart(RunStart start) {
        stepsPerEpoch = start.stepsPerEpoch();
        epochs = start.epochs();
        epoch = start.firstEpoch();
        stepInEpoch = 0;
        progress = new Progress(epoch, 0, stepsPerEpoch, epochs, 0, Double.NaN);
        changed.run();
    }

    /** The diverged step has no point, but it took its place in the epoch. */
    @Override
    public synchronized void onRecovery(Recovery r) {
        if (r.epoch() != epoch) {
            epoch = r.epoch();
            stepInEpoch = 0;
        }
        stepInEpoch++;
    }

    @Override
    public void onStep(StepReport s) {
        synchronized (this) {
            if (s.epoch() != epoch) {
                epoch = s.epoch();
                stepInEpoch = 0;
            }
            stepInEpoch++;
            // x in epochs: the last step of epoch e is at e, where that epoch's validation point sits.
            double x = epoch - 1 + (double) stepInEpoch / stepsPerEpoch;
            averaged++;
            lossAverage = SMOOTHING * lossAverage + (1 - SMOOTHING) * s.loss();
            accuracyAverage = SMOOTHING * accuracyAverage + (1 - SMOOTHING) * s.accuracy();
            double correction = 1 - Math.pow(SMOOTHING, averaged);
            trainingLoss.add(x, lossAverage / correction);
            trainingAccuracy.add(x, accuracyAverage / correction);
            progress = new Progress(epoch, stepInEpoch, stepsPerEpoch, epochs, s.examplesPerSecond(), s.secondsLeft());
        }
        changed.run();
    }

    @Override
    public void onEpoch(EpochReport e) {
        synchronized (this) {
            validationLoss.add(e.epoch(), e.validationLoss());
            validationAccuracy.add(e.epoch(), e.validationAccuracy());
            experts = new HashMap<>(e.expertShare());
        }
        changed.run();
    }

    /** Marks the progress complete (the run ended having run its epochs). */
    synchronized void complete() {
        progress = progress.done();
    }

    /** The curves, progress and experts as they are now. */
    synchronized Snapshot snapshot() {
        return new Snapshot(new Curves(trainingLoss.points(), validationLoss.points(), trainingAccuracy.points(),
                validationAccuracy.points()), progress, Map.copyOf(experts));
    }
}
