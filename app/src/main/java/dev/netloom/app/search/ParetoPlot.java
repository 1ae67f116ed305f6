package dev.netloom.app.search;

import dev.netloom.hpo.FrozenTrial;
import javafx.beans.property.ObjectProperty;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.ScatterChart;
import javafx.scene.chart.XYChart;

import java.util.List;

/**
 * The Pareto front of a two-objective study: every complete trial as a point (accuracy against
 * the second objective), the front's trials highlighted; clicking a point selects its trial, the
 * one "Apply" takes.
 */
final class ParetoPlot {

    private final NumberAxis second = PlotStyle.axis("");
    private final ScatterChart<Number, Number> chart = PlotStyle.small(
            new ScatterChart<>(second, PlotStyle.accuracyAxis()), "Pareto front");
    private final ObjectProperty<Integer> selected;

    ParetoPlot(ObjectProperty<Integer> selected) {
        this.selected = selected;
        chart.setId("tune-pareto");
        chart.setLegendVisible(true);
        selected.addListener(o -> mark());
    }

    ScatterChart<Number, Number> node() {
        return chart;
    }

    void show(StudyProgress progress) {
        chart.getData().clear();
        ParetoSelection pareto = progress.pareto();
        if (pareto == null) {
            return;
        }
        SearchObjective other = progress.objectives().get(1);
        second.setLabel(other.word() + (other == SearchObjective.LATENCY ? " (ms)" : other == SearchObjective.ENERGY
                ? " (mJ)" : "") + " — lower is better");
        XYChart.Series<Number, Number> rest = new XYChart.Series<>();
        rest.setName("trials");
        XYChart.Series<Number, Number> front = new XYChart.Series<>();
        front.setName("Pareto front");
        List<FrozenTrial> complete = progress.complete();
        for (FrozenTrial t : complete) {
            XYChart.Data<Number, Number> d = new XYChart.Data<>(t.values().get(1), t.values().get(0));
            d.setExtraValue(t.number());
            (pareto.contains(t.number()) ? front : rest).getData().add(d);
        }
        chart.getData().add(rest);
        chart.getData().add(front);
        for (XYChart.Series<Number, Number> s : chart.getData()) {
            for (XYChart.Data<Number, Number> d : s.getData()) {
                d.getNode().setOnMouseClicked(e -> selected.set((Integer) d.getExtraValue()));
                if (s == front) {
                    d.getNode().getStyleClass().add(PlotStyle.FRONT);
                }
            }
        }
        mark();
    }

    private void mark() {
        Integer chosen = selected.get();
        chart.setTitle(chosen == null ? "Pareto front (click a point to choose the trial to apply)"
                : "Pareto front — trial #" + chosen + " selected");
        for (XYChart.Series<Number, Number> s : chart.getData()) {
            for (XYChart.Data<Number, Number> d : s.getData()) {
                if (d.getNode() != null) {
                    d.getNode().getStyleClass().remove(PlotStyle.SELECTED);
                    if (chosen != null && chosen.equals(d.getExtraValue())) {
                        d.getNode().getStyleClass().add(PlotStyle.SELECTED);
                    }
                }
            }
        }
    }
}
