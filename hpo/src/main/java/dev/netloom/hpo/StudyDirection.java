package dev.netloom.hpo;

/** Whether an objective is to be made small or large. */
public enum StudyDirection {
    MINIMIZE,
    MAXIMIZE;

    /** Whether {@code a} is strictly better than {@code b} in this direction. */
    public boolean isBetter(double a, double b) {
        return this == MINIMIZE ? a < b : a > b;
    }

    /** The value as a loss: itself when minimizing, its negation when maximizing. */
    public double toLoss(double value) {
        return this == MINIMIZE ? value : -value;
    }
}
