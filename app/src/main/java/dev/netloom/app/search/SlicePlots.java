package dev.netloom.app.search;

import dev.netloom.hpo.analysis.SlicePlot;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.ScatterChart;
import javafx.scene.chart.XYChart;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Slice plots: accuracy against each parameter, one small scatter per parameter side by side.
 * Choices that are words are placed by their position in the list (the axis names them).
 */
final class SlicePlots {

    private final HBox box = new HBox(6);

    SlicePlots() {
        box.setId("tune-slices");
        box.setMinSize(260, 200);
        box.setPrefSize(420, 290);
    }

    HBox node() {
        return box;
    }

    void show(SlicePlot plot) {
        box.getChildren().clear();
        for (Map.Entry<String, List<SlicePlot.Point>> e : plot.slices().entrySet()) {
            List<Object> words = new ArrayList<>();
            e.getValue().stream().map(SlicePlot.Point::param).filter(v -> !(v instanceof Number)).distinct()
                    .forEach(words::add);
            NumberAxis x = PlotStyle.axis(TrialRow.shortName(e.getKey()));
            if (!words.isEmpty()) {
                x.setTickUnit(1);
                x.setMinorTickVisible(false);
                x.setTickLabelFormatter(new javafx.util.StringConverter<>() {
                    @Override
                    public String toString(Number n) {
                        int i = (int) Math.round(n.doubleValue());
                        return i >= 0 && i < words.size() && Math.abs(n.doubleValue() - i) < 1e-9
                                ? String.valueOf(words.get(i)) : "";
                    }

                    @Override
                    public Number fromString(String s) {
                        return words.indexOf(s);
                    }
                });
            }
            ScatterChart<Number, Number> chart = PlotStyle.small(new ScatterChart<>(x, PlotStyle.accuracyAxis()),
                    "Slice: " + TrialRow.shortName(e.getKey()));
            chart.setMinSize(160, 200);
            chart.setPrefSize(220, 290);
            XYChart.Series<Number, Number> s = new XYChart.Series<>();
            for (SlicePlot.Point p : e.getValue()) {
                Number xv = p.param() instanceof Number n ? n : words.indexOf(p.param());
                s.getData().add(new XYChart.Data<>(xv, p.value()));
            }
            chart.getData().add(s);
            HBox.setHgrow(chart, Priority.ALWAYS);
            box.getChildren().add(chart);
        }
    }
}
