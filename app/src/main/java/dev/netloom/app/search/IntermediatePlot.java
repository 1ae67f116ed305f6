package dev.netloom.app.search;

import dev.netloom.app.charts.EmptyCharts;
import dev.netloom.hpo.TrialState;
import dev.netloom.hpo.analysis.IntermediateValues;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;

/**
 * Intermediate values: each trial's validation accuracy per epoch. Pruned trials stay visible,
 * grey and dashed, so one sees where the pruner cut them.
 */
final class IntermediatePlot {

    private final LineChart<Number, Number> chart = PlotStyle.small(
            new LineChart<>(PlotStyle.wholeAxis("epoch"), PlotStyle.accuracyAxis()), "Accuracy per epoch");

    IntermediatePlot() {
        chart.setId("tune-intermediate");
        chart.setCreateSymbols(true);
        EmptyCharts.keepAxesSensible(chart, 10, 1);
    }

    LineChart<Number, Number> node() {
        return chart;
    }

    void show(IntermediateValues values) {
        chart.getData().clear();
        for (IntermediateValues.Curve c : values.curves()) {
            XYChart.Series<Number, Number> s = new XYChart.Series<>();
            s.setName("#" + c.number());
            c.values().forEach((epoch, v) -> s.getData().add(new XYChart.Data<>(epoch, v)));
            chart.getData().add(s);
            if (c.state() == TrialState.PRUNED) {
                s.getNode().getStyleClass().add(PlotStyle.PRUNED);
                s.getData().forEach(d -> d.getNode().getStyleClass().add(PlotStyle.PRUNED));
            }
        }
    }
}
