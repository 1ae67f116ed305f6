package dev.netloom.app.search;

import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.XYChart;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Parameter importance: fANOVA's share of accuracy's variance per parameter, as horizontal bars. */
final class ImportancePlot {

    private final CategoryAxis names = new CategoryAxis();
    private final BarChart<Number, String> chart;
    private final XYChart.Series<Number, String> bars = new XYChart.Series<>();

    ImportancePlot() {
        names.setAnimated(false);
        var share = PlotStyle.axis("importance");
        share.setForceZeroInRange(true);
        chart = PlotStyle.small(new BarChart<>(share, names), "Parameter importance (fANOVA)");
        chart.setId("tune-importance");
        chart.getData().add(bars);
        chart.setCategoryGap(12);
    }

    BarChart<Number, String> node() {
        return chart;
    }

    void show(Map<String, Double> importance) {
        List<XYChart.Data<Number, String>> data = new ArrayList<>();
        // Most important on top: a category axis draws its first category at the bottom.
        List<Map.Entry<String, Double>> entries = new ArrayList<>(importance.entrySet());
        java.util.Collections.reverse(entries);
        entries.forEach(e -> data.add(new XYChart.Data<>(e.getValue(), TrialRow.shortName(e.getKey()))));
        names.getCategories().setAll(data.stream().map(XYChart.Data::getYValue).toList());
        bars.getData().setAll(data);
        chart.setTitle(importance.isEmpty() ? "Parameter importance (after two complete trials)"
                : "Parameter importance (fANOVA)");
    }
}
