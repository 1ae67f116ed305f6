package dev.netloom.designer.view;

import dev.netloom.graph.Units;
import dev.netloom.graph.catalog.ParamType;
import dev.netloom.graph.search.Range;
import dev.netloom.graph.search.SearchRangeException;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

import java.util.ArrayList;
import java.util.List;

/**
 * The editors of one searchable parameter's range, under its row: from / to / step / log scale
 * for numbers, a tick per choice for words and switches, a list for numeric choices. Fields
 * commit on Enter or when they lose focus, like the value fields, through {@link ParamSearch}.
 */
final class RangeEditor extends VBox {

    private final ParamSearch search;
    private final String name;
    private Range shown;
    private TextField low;
    private TextField high;
    private TextField step;
    private CheckBox log;

    RangeEditor(ParamSearch search) {
        super(4);
        this.search = search;
        this.name = search.spec().name();
        getStyleClass().add(DesignerStyle.SEARCH_RANGE);
        setId("search-range-" + name);
        managedProperty().bind(visibleProperty());
        search.rangeProperty().addListener((obs, old, r) -> show(r));
        show(search.rangeProperty().get());
    }

    /** Shows a range; rebuilt only when its kind changes, so the field being typed in keeps focus. */
    void show(Range range) {
        setVisible(range != null);
        if (range == null) {
            shown = null;
            getChildren().clear();
            return;
        }
        if (shown == null || !shown.kind().equals(range.kind()) || range instanceof Range.Choices) {
            build(range);
        } else {
            fill(range);
        }
        shown = range;
    }

    private void build(Range range) {
        getChildren().clear();
        if (range instanceof Range.Choices c) {
            getChildren().add(search.spec().type() == ParamType.CHOICE || search.spec().type() == ParamType.BOOL
                    ? ticks(c) : numberList(c));
            return;
        }
        low = field("low");
        high = field("high");
        log = new CheckBox("log scale");
        log.setId("search-log-" + name);
        log.setOnAction(e -> commitNumbers());
        // A grid of caption and field: the sheet's value column is narrow, so one field per line.
        GridPane grid = new GridPane();
        grid.setHgap(6);
        grid.setVgap(4);
        grid.addRow(0, caption("from"), low);
        grid.addRow(1, caption("to"), high);
        if (range instanceof Range.IntRange) {
            step = field("step");
            grid.addRow(2, caption("step"), step);
        } else {
            step = null;
        }
        grid.add(log, 0, grid.getRowCount(), 2, 1);
        getChildren().add(grid);
        fill(range);
    }

    private void fill(Range range) {
        if (range instanceof Range.IntRange r) {
            low.setText(String.valueOf(r.low()));
            high.setText(String.valueOf(r.high()));
            step.setText(String.valueOf(r.step()));
            log.setSelected(r.log());
        } else if (range instanceof Range.FloatRange r) {
            low.setText(Units.plain(r.low()));
            high.setText(Units.plain(r.high()));
            log.setSelected(r.log());
        }
    }

    private TextField field(String which) {
        TextField f = new TextField();
        f.setId("search-" + which + "-" + name);
        f.setPrefColumnCount(5);
        f.getStyleClass().add(DesignerStyle.SEARCH_FIELD);
        f.setOnAction(e -> commitNumbers());
        f.focusedProperty().addListener((obs, was, is) -> {
            if (!is && shown != null) {
                commitNumbers();
            }
        });
        return f;
    }

    private static Label caption(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(DesignerStyle.SEARCH_CAPTION);
        return l;
    }

    private void commitNumbers() {
        search.commit(() -> shown instanceof Range.IntRange
                ? new Range.IntRange(whole(low, "low"), whole(high, "high"), whole(step, "step"), log.isSelected())
                : new Range.FloatRange(real(low, "low"), real(high, "high"), log.isSelected()));
        show(search.rangeProperty().get()); // refused or not, show what the model holds
    }

    private static int whole(TextField f, String field) {
        try {
            return Integer.parseInt(f.getText().trim());
        } catch (NumberFormatException e) {
            throw new SearchRangeException(field, "must be a whole number, got \"" + f.getText().trim() + "\"");
        }
    }

    private static double real(TextField f, String field) {
        try {
            return Double.parseDouble(f.getText().trim());
        } catch (NumberFormatException e) {
            throw new SearchRangeException(field, "must be a number, got \"" + f.getText().trim() + "\"");
        }
    }

    /** A tick per allowed choice, in the spec's order. */
    private FlowPane ticks(Range.Choices chosen) {
        List<Object> all = search.spec().type() == ParamType.BOOL ? List.of(false, true)
                : new ArrayList<>(search.spec().choices());
        FlowPane pane = new FlowPane(10, 4);
        pane.setPrefWrapLength(120);
        List<CheckBox> boxes = new ArrayList<>();
        for (Object value : all) {
            CheckBox box = new CheckBox(String.valueOf(value));
            box.setId("search-choice-" + name + "-" + value);
            box.setUserData(value);
            box.setSelected(chosen.values().contains(value));
            box.setOnAction(e -> {
                search.commit(() -> new Range.Choices(boxes.stream().filter(CheckBox::isSelected)
                        .map(CheckBox::getUserData).toList()));
                show(search.rangeProperty().get());
            });
            boxes.add(box);
        }
        pane.getChildren().addAll(boxes);
        return pane;
    }

    /** Numeric choices (from a file): "32, 64, 128". */
    private VBox numberList(Range.Choices chosen) {
        TextField list = new TextField(String.join(", ", chosen.values().stream().map(String::valueOf).toList()));
        list.setId("search-choices-" + name);
        Runnable commit = () -> {
            search.commit(() -> {
                List<Object> values = new ArrayList<>();
                for (String part : list.getText().split("[,\\s]+")) {
                    if (!part.isBlank()) {
                        try {
                            values.add(search.spec().type() == ParamType.INT ? (Object) Integer.valueOf(part)
                                    : (Object) Double.valueOf(part));
                        } catch (NumberFormatException e) {
                            throw new SearchRangeException("choices", "\"" + part + "\" is not a number");
                        }
                    }
                }
                return new Range.Choices(values);
            });
            show(search.rangeProperty().get());
        };
        list.setOnAction(e -> commit.run());
        list.setPrefColumnCount(8);
        return new VBox(4, caption("one of"), list);
    }
}
