package dev.netloom.app.training;

import dev.netloom.app.charts.EmptyCharts;
import dev.netloom.app.training.PointBudget.Point;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.layout.StackPane;

import java.util.List;

/**
 * A learning-curve chart: a training series (per step, no symbols: hundreds of points) and a
 * validation series (per epoch, a dot each, so one epoch already shows). Animation is off: a
 * chart redrawn twenty times a second must not chase its own tweens.
 */
final class CurveChart extends LineChart<Number, Number> {

    private final XYChart.Series<Number, Number> training = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> validation = new XYChart.Series<>();
    private final double scale;

    /**
     * @param title the chart's title
     * @param yLabel the y axis's name
     * @param scale what a value is multiplied by for drawing (100 for a share shown in percent)
     * @param yMax the fixed top of the y axis, or NaN to fit the data
     */
    CurveChart(String title, String yLabel, double scale, double yMax) {
        super(new NumberAxis(), new NumberAxis());
        this.scale = scale;
        NumberAxis x = (NumberAxis) getXAxis();
        x.setLabel("epoch");
        x.setForceZeroInRange(true);
        x.setMinorTickVisible(false);
        NumberAxis y = (NumberAxis) getYAxis();
        y.setLabel(yLabel);
        y.setMinorTickVisible(false);
        if (!Double.isNaN(yMax)) {
            y.setAutoRanging(false);
            y.setLowerBound(0);
            y.setUpperBound(yMax);
            y.setTickUnit(yMax / 5);
        }
        setTitle(title);
        setAnimated(false);
        setCreateSymbols(false);
        training.setName("training (smoothed)");
        validation.setName("validation");
        getData().add(training);
        getData().add(validation);
        setMinHeight(200);
        setPrefHeight(232);
        EmptyCharts.keepAxesSensible(this, 10, 2.5);
    }

    /** Shows the curves' points (already within their budget). */
    void show(List<Point> trainingPoints, List<Point> validationPoints) {
        training.getData().setAll(trainingPoints.stream().map(p -> new XYChart.Data<Number, Number>(p.x(),
                p.y() * scale)).toList());
        validation.getData().setAll(validationPoints.stream().map(p -> {
            XYChart.Data<Number, Number> d = new XYChart.Data<>(p.x(), p.y() * scale);
            StackPane dot = new StackPane(); // the chart styles it as this series' symbol
            dot.getStyleClass().add(TrainStyle.VALIDATION_POINT);
            d.setNode(dot);
            return d;
        }).toList());
    }

    /** Points the training series draws now. */
    int trainingPoints() {
        return training.getData().size();
    }

    /** Points the validation series draws now. */
    int validationPoints() {
        return validation.getData().size();
    }
}
