package dev.netloom.app.export;

import java.util.List;
import java.util.Locale;

/**
 * The second mark of a precision, beside "fits": whether quantizing to it keeps the model's
 * accuracy. Fitting the device's budgets and keeping the accuracy are two different things: a
 * 2-bit model that fits a watch but answers like a coin is not a choice, so it is never shown
 * with a green mark alone. The mark compares the test accuracy measured after quantization (in
 * ONNX Runtime, on the model's held-out test split) with FP32's, against a largest drop in points;
 * where nothing was measured it says so rather than guessing.
 *
 * @param state keeps, loses, or not checked
 * @param dropPoints FP32's accuracy minus this precision's, in percentage points; NaN when not checked
 * @param thresholdPoints the largest drop that still keeps the accuracy, in points
 */
public record AccuracyMark(State state, double dropPoints, double thresholdPoints) {

    /** The drop the studio and {@code netloom precisions} accept unless told otherwise: one point. */
    public static final double DEFAULT_THRESHOLD_POINTS = 1.0;

    /** What the mark says. */
    public enum State {
        /** FP32 itself: what the others are compared with. */
        REFERENCE,
        /** Measured, and the drop is within the threshold. */
        KEEPS,
        /** Measured, and the drop is larger than the threshold. */
        LOSES,
        /** Not measured (or FP32 was not): no claim either way. */
        NOT_CHECKED
    }

    /**
     * The mark of one precision's measured accuracy.
     *
     * @param accuracy the precision's test accuracy (share), NaN when not measured
     * @param fp32Accuracy FP32's test accuracy (share), NaN when not measured
     * @param thresholdPoints the largest drop allowed, in points
     */
    public static AccuracyMark of(double accuracy, double fp32Accuracy, double thresholdPoints) {
        if (!(thresholdPoints >= 0)) {
            throw new IllegalArgumentException("the largest accuracy drop must be 0 or more points, got " + thresholdPoints);
        }
        if (Double.isNaN(accuracy) || Double.isNaN(fp32Accuracy)) {
            return new AccuracyMark(State.NOT_CHECKED, Double.NaN, thresholdPoints);
        }
        double drop = (fp32Accuracy - accuracy) * 100;
        // A hair of rounding must not turn "0.99999 points" into a loss at a threshold of 1.
        return new AccuracyMark(drop <= thresholdPoints + 1e-9 ? State.KEEPS : State.LOSES, drop, thresholdPoints);
    }

    /** The mark of one row of a precision table, against the table's FP32 row. */
    public static AccuracyMark of(PrecisionFit row, List<PrecisionFit> rows, double thresholdPoints) {
        if (row.isFp32()) {
            return new AccuracyMark(State.REFERENCE, 0, thresholdPoints);
        }
        double fp32 = rows.stream().filter(PrecisionFit::isFp32).mapToDouble(PrecisionFit::accuracy)
                .findFirst().orElse(Double.NaN);
        return of(row.accuracy(), fp32, thresholdPoints);
    }

    /** True only for a measured drop within the threshold. */
    public boolean keeps() {
        return state == State.KEEPS;
    }

    /** True only for a measured drop beyond the threshold. */
    public boolean loses() {
        return state == State.LOSES;
    }

    /** The mark in the view's words: "Keeps accuracy", "Loses 41.2 points", "Accuracy not checked", "Reference". */
    public String text() {
        return switch (state) {
            case REFERENCE -> "Reference";
            case KEEPS -> "Keeps accuracy";
            case LOSES -> String.format(Locale.ROOT, "Loses %.2f points", dropPoints);
            case NOT_CHECKED -> "Accuracy not checked";
        };
    }

    /** The mark in the command line's words, upper case where it warns: "yes", "NO (-41.23)", "not checked". */
    public String word() {
        return switch (state) {
            case REFERENCE -> "reference";
            case KEEPS -> "yes";
            case LOSES -> "NO";
            case NOT_CHECKED -> "not checked";
        };
    }

    /** One sentence: what was compared with what, and against which threshold. */
    public String sentence() {
        String limit = "at most " + points(thresholdPoints) + " below FP32";
        return switch (state) {
            case REFERENCE -> "FP32 is what the other precisions are compared with";
            case KEEPS -> String.format(Locale.ROOT, "keeps accuracy: %s %.2f points, %s", dropPoints >= 0 ? "drop" : "gain",
                    Math.abs(dropPoints), limit);
            case LOSES -> String.format(Locale.ROOT, "LOSES ACCURACY: drop %.2f points, more than the %s allowed",
                    dropPoints, points(thresholdPoints));
            case NOT_CHECKED -> "accuracy not checked (" + limit + " would keep it)";
        };
    }

    private static String points(double p) {
        String n = p == Math.rint(p) && Math.abs(p) < 1e6 ? String.format(Locale.ROOT, "%.1f", p)
                : String.format(Locale.ROOT, "%.2f", p);
        return n + (n.equals("1.0") ? " point" : " points");
    }
}
