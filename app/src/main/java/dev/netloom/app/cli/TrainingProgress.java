package dev.netloom.app.cli;

import dev.netloom.graph.Units;
import dev.netloom.train.TrainingListener;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * The CLI's live progress: on a terminal, one line redrawn in place (step, epoch, loss,
 * accuracy, throughput, time left) at most ten times a second; elsewhere (CI logs, pipes) one
 * line per epoch, so logs stay readable. Every epoch ends with a line of its metrics.
 */
final class TrainingProgress implements TrainingListener {

    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintWriter out;
    private final boolean live;
    private int stepsPerEpoch;
    private int epochs;
    private long lastDraw;
    private int width;

    TrainingProgress(PrintWriter out, boolean live) {
        this.out = out;
        this.live = live;
    }

    @Override
    public void onStart(RunStart start) {
        stepsPerEpoch = start.stepsPerEpoch();
        epochs = start.epochs();
        int left = start.epochs() - start.firstEpoch() + 1;
        out.printf(Locale.ROOT, "Training on %,d examples: %d epoch%s of %d steps (about %s of memory)%n",
                start.examples(), left, left == 1 ? "" : "s", start.stepsPerEpoch(), Units.bytes(start.estimatedBytes()));
        out.flush();
    }

    @Override
    public void onStep(StepReport s) {
        if (!live) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastDraw < REDRAW_NANOS && s.step() % stepsPerEpoch != 0) {
            return;
        }
        lastDraw = now;
        int inEpoch = (s.step() - 1) % stepsPerEpoch + 1;
        int filled = (int) Math.round(20.0 * inEpoch / stepsPerEpoch);
        String line = String.format(Locale.ROOT, "epoch %d/%d [%s%s] step %d/%d  loss %.4f  acc %5.1f%%  %,.0f ex/s  %s left",
                s.epoch(), epochs, "#".repeat(filled), ".".repeat(20 - filled), inEpoch, stepsPerEpoch, s.loss(),
                s.accuracy() * 100, s.examplesPerSecond(), duration(s.secondsLeft()));
        draw(line);
    }

    @Override
    public void onEpoch(EpochReport e) {
        if (live) {
            draw("");
            out.print('\r');
        }
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                "epoch %d/%d  train loss %.4f acc %.1f%%  validation loss %.4f acc %.1f%%  (%s)",
                e.epoch(), epochs, e.trainLoss(), e.trainAccuracy() * 100, e.validationLoss(),
                e.validationAccuracy() * 100, duration(e.seconds())));
        if (e.hasMeanIoU()) { // a per-position head: the accuracy above is per pixel or token
            line.append(String.format(Locale.ROOT, "  mean IoU %.1f%%", e.validationMeanIoU() * 100));
        }
        e.expertShare().forEach((node, shares) -> {
            line.append("  ").append(node).append(" experts");
            for (double share : shares) {
                line.append(String.format(Locale.ROOT, " %.0f%%", share * 100));
            }
        });
        out.println(line);
        out.flush();
    }

    /** A recovery gets its own line, on a terminal and in logs alike: the run went back and slowed down. */
    @Override
    public void onRecovery(Recovery r) {
        if (live) {
            draw("");
            out.print('\r');
        }
        out.println("Diverged and " + r.describe());
        out.flush();
    }

    @Override
    public void onEnd(RunEnd end) {
        if (live) {
            draw("");
            out.print('\r');
        }
        out.println("Finished: " + end.message());
        out.flush();
    }

    private void draw(String line) {
        String padded = line.length() < width ? line + " ".repeat(width - line.length()) : line;
        width = line.length();
        out.print('\r');
        out.print(padded);
        out.flush();
    }

    static String duration(double seconds) {
        if (!Double.isFinite(seconds)) {
            return "?";
        }
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s / 60 % 60)
                : s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
    }
}
