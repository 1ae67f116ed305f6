package dev.netloom.app.search;

import dev.netloom.app.charts.EmptyCharts;
import dev.netloom.hpo.analysis.OptimizationHistory;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;

/** Optimization history: each complete trial's accuracy as a point, and the best so far as a line. */
final class HistoryPlot {

    private final LineChart<Number, Number> chart = PlotStyle.small(
            new LineChart<>(PlotStyle.wholeAxis("trial"), PlotStyle.accuracyAxis()), "Optimization history");
    private final XYChart.Series<Number, Number> trials = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> best = new XYChart.Series<>();

    HistoryPlot() {
        chart.setId("tune-history");
        trials.setName("trial");
        best.setName("best so far");
        chart.getData().add(trials);
        chart.getData().add(best);
        chart.setLegendVisible(true);
        EmptyCharts.keepAxesSensible(chart, 10, 1);
    }

    LineChart<Number, Number> node() {
        return chart;
    }

    void show(OptimizationHistory history) {
        trials.getData().setAll(history.points().stream()
                .map(p -> new XYChart.Data<Number, Number>(p.number(), p.value())).toList());
        best.getData().setAll(history.points().stream()
                .map(p -> new XYChart.Data<Number, Number>(p.number(), p.bestSoFar())).toList());
        // The trial series is points only: its line would zig-zag between unrelated trials.
        trials.getNode().getStyleClass().add(PlotStyle.TRIAL_POINTS);
        best.getNode().getStyleClass().add(PlotStyle.BEST_LINE);
        best.getData().forEach(d -> d.getNode().setVisible(false));
    }

    /** How many trial points are drawn (for tests). */
    int points() {
        return trials.getData().size();
    }
}
