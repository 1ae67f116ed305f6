package dev.netloom.app.charts;

import javafx.beans.Observable;
import javafx.collections.ListChangeListener;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;

/**
 * Sensible axes on a chart with nothing to draw yet: an auto-ranging axis with no data spans
 * 0–100, which an accuracy axis formatted in percent shows as "0 %–12500 %". While every series
 * is empty both axes are fixed (0 to {@code xMax}, 0 to {@code yMax}); the first point hands them
 * back to auto-ranging.
 */
public final class EmptyCharts {

    private EmptyCharts() {
    }

    public static void keepAxesSensible(XYChart<Number, Number> chart, double xMax, double yMax) {
        // An axis given a fixed range by its owner keeps it: only auto-ranging axes are looked after.
        boolean x = chart.getXAxis().isAutoRanging();
        boolean y = chart.getYAxis().isAutoRanging();
        Runnable update = () -> {
            boolean empty = chart.getData().stream().allMatch(s -> s.getData().isEmpty());
            if (x) {
                fix((NumberAxis) chart.getXAxis(), empty, xMax);
            }
            if (y) {
                fix((NumberAxis) chart.getYAxis(), empty, yMax);
            }
        };
        chart.getData().addListener((ListChangeListener<XYChart.Series<Number, Number>>) c -> {
            while (c.next()) {
                c.getAddedSubList().forEach(s -> s.getData().addListener((Observable o) -> update.run()));
            }
            update.run();
        });
        chart.getData().forEach(s -> s.getData().addListener((Observable o) -> update.run()));
        update.run();
    }

    private static void fix(NumberAxis axis, boolean empty, double max) {
        if (empty) {
            axis.setAutoRanging(false);
            axis.setLowerBound(0);
            axis.setUpperBound(max);
            axis.setTickUnit(max / 5);
        } else {
            axis.setAutoRanging(true);
        }
    }
}
