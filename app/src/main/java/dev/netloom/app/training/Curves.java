package dev.netloom.app.training;

import dev.netloom.app.training.PointBudget.Point;

import java.util.List;

/**
 * The learning curves as the charts draw them, x in epochs (a step in epoch 3 of 10 steps is at
 * 2.x): training loss and accuracy per step, smoothed; validation loss and accuracy per epoch.
 * Each list is already within the point budget.
 */
public record Curves(List<Point> trainingLoss, List<Point> validationLoss, List<Point> trainingAccuracy,
                     List<Point> validationAccuracy) {

    /** No points yet. */
    public static final Curves EMPTY = new Curves(List.of(), List.of(), List.of(), List.of());

    public Curves {
        trainingLoss = List.copyOf(trainingLoss);
        validationLoss = List.copyOf(validationLoss);
        trainingAccuracy = List.copyOf(trainingAccuracy);
        validationAccuracy = List.copyOf(validationAccuracy);
    }
}
