package dev.netloom.app.training;

import java.util.Locale;

/**
 * How far a run has come, as the progress bar shows it.
 *
 * @param epoch the epoch in progress, from 1 (0 before the first step)
 * @param stepInEpoch steps done in that epoch
 * @param stepsPerEpoch steps in an epoch
 * @param epochs epochs planned
 * @param examplesPerSecond training throughput so far
 * @param secondsLeft estimated time to the end of the last epoch
 */
public record Progress(int epoch, int stepInEpoch, int stepsPerEpoch, int epochs, double examplesPerSecond,
                       double secondsLeft) {

    /** Nothing done yet. */
    public static final Progress NONE = new Progress(0, 0, 1, 0, 0, Double.NaN);

    /** The share of all planned steps done, 0 to 1. */
    public double fraction() {
        long total = (long) stepsPerEpoch * epochs;
        long done = (long) Math.max(0, epoch - 1) * stepsPerEpoch + stepInEpoch;
        return total <= 0 ? 0 : Math.min(1, (double) done / total);
    }

    /** The same progress at the very end of the run. */
    public Progress done() {
        return new Progress(epochs, stepsPerEpoch, stepsPerEpoch, epochs, examplesPerSecond, 0);
    }

    /** "Epoch 2 of 10 · step 37 of 160 · 1,250 examples/s · 1m20s left"; "" before the first step. */
    public String line() {
        if (epoch == 0) {
            return "";
        }
        return String.format(Locale.ROOT, "Epoch %d of %d · step %d of %d · %,.0f examples/s · %s left", epoch, epochs,
                stepInEpoch, stepsPerEpoch, examplesPerSecond, duration(secondsLeft));
    }

    /** "45s", "3m05s", "1h02m"; "?" before there is an estimate. */
    public static String duration(double seconds) {
        if (!Double.isFinite(seconds)) {
            return "?";
        }
        long s = Math.round(Math.max(0, seconds));
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s / 60 % 60)
                : s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
    }
}
