package dev.netloom.app.search;

import javafx.scene.chart.Chart;
import javafx.scene.chart.NumberAxis;

/** What the Tune view's charts share: small, no animation, titled, and the stylesheet's class names. */
final class PlotStyle {

    /** The Tune view's stylesheet. */
    static final String STYLESHEET = PlotStyle.class.getResource("/dev/netloom/app/search/tune.css").toExternalForm();
    static final String VIEW = "tune-view";
    static final String PLOT = "tune-plot";
    static final String PRUNED = "tune-pruned";
    static final String BEST_LINE = "tune-best-line";
    static final String TRIAL_POINTS = "tune-trial-points";
    static final String FRONT = "tune-front";
    static final String SELECTED = "tune-selected";
    static final String FORM = "tune-form";

    private PlotStyle() {
    }

    static <C extends Chart> C small(C chart, String title) {
        chart.setTitle(title);
        chart.setAnimated(false);
        chart.setLegendVisible(false);
        chart.setMinSize(260, 200);
        chart.setPrefSize(420, 290);
        chart.getStyleClass().add(PLOT);
        return chart;
    }

    static NumberAxis axis(String label) {
        NumberAxis a = new NumberAxis();
        a.setLabel(label);
        a.setForceZeroInRange(false);
        a.setAnimated(false);
        return a;
    }

    /** An axis of whole numbers (epochs): ticks at integers only. */
    static NumberAxis wholeAxis(String label) {
        NumberAxis a = axis(label);
        a.setMinorTickVisible(false);
        a.setTickLabelFormatter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Number n) {
                double v = n.doubleValue();
                return Math.abs(v - Math.rint(v)) < 1e-9 ? Long.toString(Math.round(v)) : "";
            }

            @Override
            public Number fromString(String s) {
                return Long.parseLong(s);
            }
        });
        return a;
    }

    /** A percentage axis for accuracy (values 0–1 shown as 0–100 %). */
    static NumberAxis accuracyAxis() {
        NumberAxis a = axis("validation accuracy");
        a.setTickLabelFormatter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Number n) {
                double percent = n.doubleValue() * 100;
                return Math.abs(percent - Math.rint(percent)) < 1e-6 ? Math.round(percent) + "%"
                        : String.format(java.util.Locale.ROOT, "%.1f%%", percent);
            }

            @Override
            public Number fromString(String s) {
                return Double.parseDouble(s.replace("%", "")) / 100;
            }
        });
        return a;
    }
}
