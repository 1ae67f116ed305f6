package dev.netloom.train;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Locale;

/**
 * Watches the training loss step by step and says when it has diverged: NaN or infinite, or an
 * explosion — more than {@value #FACTOR}× the median of the last {@value #WINDOW} healthy steps.
 *
 * <p>Why the floor: late in training the median loss can be 0.01, and one hard batch at 0.15 is
 * not a divergence. An explosion must also be above twice the loss of guessing uniformly among
 * the classes (2·ln C), which a learning model only passes when its weights have blown up.
 */
final class DivergenceGuard {

    /** How many times the recent median a loss must reach to count as an explosion. */
    static final double FACTOR = 10;
    /** Healthy steps the median is taken over. */
    static final int WINDOW = 50;
    /** Healthy steps needed before explosions are judged (the first steps move fast). */
    static final int MIN_HISTORY = 10;

    private final double floor;
    private final ArrayDeque<Double> recent = new ArrayDeque<>();

    /** @param classes the classification head's classes */
    DivergenceGuard(int classes) {
        this.floor = 2 * Math.log(Math.max(2, classes));
    }

    /**
     * Judges a step's loss; a healthy loss joins the history.
     *
     * @return why the loss diverged, as one line, or null when it is healthy
     */
    String check(double loss) {
        if (!Double.isFinite(loss)) {
            return "the loss became " + (Double.isNaN(loss) ? "NaN" : loss > 0 ? "infinite" : "-infinite");
        }
        if (recent.size() >= MIN_HISTORY) {
            double median = median();
            if (loss > FACTOR * median && loss > floor) {
                return String.format(Locale.ROOT, "the loss jumped to %.4g, %.0fx its recent median %.4g", loss,
                        loss / median, median);
            }
        }
        recent.addLast(loss);
        if (recent.size() > WINDOW) {
            recent.removeFirst();
        }
        return null;
    }

    private double median() {
        double[] v = recent.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
}
