package dev.netloom.app.training;

/** Style-class names of the Train view; the stylesheet is {@code train.css} (tokens from designer.css). */
final class TrainStyle {

    static final String STYLESHEET = TrainStyle.class.getResource("/dev/netloom/app/training/train.css")
            .toExternalForm();

    static final String VIEW = "train-view";
    static final String CARD = "train-card";
    static final String BASICS = "train-basics";
    static final String FIELD_LABEL = "train-field-label";
    static final String STATUS = "train-status";
    static final String PROGRESS_LINE = "train-progress-line";
    static final String METRIC_VALUE = "train-metric-value";
    static final String METRIC_NAME = "train-metric-name";
    static final String CELL = "confusion-cell";
    static final String CELL_RIGHT = "confusion-right";
    static final String CELL_WRONG = "confusion-wrong";
    static final String CELL_SELECTED = "confusion-selected";
    static final String CELL_DARK = "confusion-dark-text";
    static final String AXIS_LABEL = "confusion-axis";
    static final String MISTAKE = "mistake";
    static final String MISTAKE_TEXT = "mistake-text";
    static final String MISTAKE_LABEL = "mistake-label";
    static final String VALIDATION_POINT = "validation-point";

    private TrainStyle() {
    }
}
