package dev.netloom.app.training;

import javafx.geometry.HPos;
import javafx.geometry.Pos;
import javafx.scene.Group;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;

import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;

/**
 * The confusion matrix as a grid of cells: rows are the actual classes, columns the predicted
 * ones, each cell its count, shaded by its share of the row (blue on the diagonal where the
 * model was right, red off it). Clicking a cell reports its (actual, predicted) pair.
 */
final class ConfusionGrid extends GridPane {

    private static final double CELL = 44;
    private BiConsumer<Integer, Integer> onCell = (a, p) -> { };
    private Label selected;

    ConfusionGrid() {
        setId("train-confusion");
        setHgap(0);
        setVgap(0);
    }

    /** Called with (actual, predicted) when a cell is clicked. */
    void setOnCell(BiConsumer<Integer, Integer> action) {
        this.onCell = action;
    }

    void show(long[][] confusion, List<String> classes) {
        getChildren().clear();
        selected = null;
        if (confusion == null) {
            return;
        }
        int n = classes.size();
        Label predicted = new Label("predicted →");
        predicted.getStyleClass().add(TrainStyle.AXIS_LABEL);
        add(predicted, 1, 0, n, 1);
        GridPane.setHalignment(predicted, HPos.CENTER);
        Label actual = new Label("actual ↓");
        actual.getStyleClass().add(TrainStyle.AXIS_LABEL);
        add(actual, 0, 0);
        for (int j = 0; j < n; j++) {
            // Names turned up a little, so long class names do not widen the columns.
            Label name = new Label(classes.get(j));
            name.getStyleClass().add(TrainStyle.AXIS_LABEL);
            name.setRotate(-50);
            Group turned = new Group(name);
            add(turned, j + 1, 1);
            GridPane.setHalignment(turned, HPos.CENTER);
            GridPane.setValignment(turned, javafx.geometry.VPos.BOTTOM);
        }
        for (int i = 0; i < n; i++) {
            Label name = new Label(classes.get(i));
            name.getStyleClass().add(TrainStyle.AXIS_LABEL);
            name.setMaxWidth(130);
            add(name, 0, i + 2);
            GridPane.setHalignment(name, HPos.RIGHT);
            long total = 0;
            for (long c : confusion[i]) {
                total += c;
            }
            for (int j = 0; j < n; j++) {
                add(cell(i, j, confusion[i][j], total, classes), j + 1, i + 2);
            }
        }
    }

    private Label cell(int actual, int predicted, long count, long rowTotal, List<String> classes) {
        Label cell = new Label(count == 0 ? "" : Long.toString(count));
        cell.setId("confusion-" + actual + "-" + predicted);
        cell.getStyleClass().add(TrainStyle.CELL);
        cell.getStyleClass().add(actual == predicted ? TrainStyle.CELL_RIGHT : TrainStyle.CELL_WRONG);
        cell.setAlignment(Pos.CENTER);
        cell.setMinSize(CELL, CELL * 0.68);
        cell.setPrefSize(CELL, CELL * 0.68);
        double share = rowTotal == 0 ? 0 : (double) count / rowTotal;
        // Fixed hues with an alpha: readable over the light and the dark card alike.
        String rgb = actual == predicted ? "9, 105, 218" : "207, 34, 46";
        cell.setStyle(String.format(Locale.ROOT, "-fx-background-color: rgba(%s, %.3f);", rgb,
                count == 0 ? 0 : 0.08 + 0.85 * share));
        if (share > 0.45) {
            cell.getStyleClass().add(TrainStyle.CELL_DARK);
        }
        cell.setTooltip(new Tooltip(String.format(Locale.ROOT, "%d of %d %s predicted as %s (%.0f%%)", count, rowTotal,
                classes.get(actual), classes.get(predicted), share * 100)));
        cell.setOnMouseClicked(e -> {
            if (selected != null) {
                selected.getStyleClass().remove(TrainStyle.CELL_SELECTED);
            }
            selected = cell;
            cell.getStyleClass().add(TrainStyle.CELL_SELECTED);
            onCell.accept(actual, predicted);
        });
        return cell;
    }
}
