package dev.netloom.designer.view;

import dev.netloom.graph.catalog.ParamType;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.controlsfx.property.editor.AbstractPropertyEditor;

import java.util.ArrayList;
import java.util.List;

/**
 * A text editor for numbers, number lists and labels that commits on Enter or when it loses
 * focus, not on every key: typing "128" is one edit (one undo step), not three. Text that is
 * not even a number is passed on as text, so the model refuses it with its own reason.
 */
final class CommitField extends AbstractPropertyEditor<Object, TextField> {

    /** Where the field keeps its committed value: the super constructor reads it before our fields exist. */
    private static final String COMMITTED = "netloom.committed";

    private final ObjectProperty<Object> committed;
    private final ParamItem item;

    private CommitField(ParamItem item, TextField field) {
        super(item, field);
        this.item = item;
        this.committed = committedOf(field);
    }

    @SuppressWarnings("unchecked")
    private static ObjectProperty<Object> committedOf(TextField field) {
        return (ObjectProperty<Object>) field.getProperties().get(COMMITTED);
    }

    static CommitField of(ParamItem item) {
        TextField field = new TextField();
        field.getProperties().put(COMMITTED, new SimpleObjectProperty<>(item.getValue()));
        CommitField editor = new CommitField(item, field);
        field.setOnAction(e -> editor.commit());
        field.focusedProperty().addListener((obs, was, is) -> {
            if (!is) {
                editor.commit();
            }
        });
        field.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                editor.setValue(item.getValue());
            }
        });
        return editor;
    }

    private void commit() {
        Object parsed = parse(getEditor().getText());
        if (!java.util.Objects.equals(parsed, item.getValue())) {
            committed.set(parsed);
        }
        // Refused or not, show what the model holds now.
        setValue(item.getValue());
        committed.set(item.getValue());
    }

    private Object parse(String text) {
        String t = text.trim();
        ParamType type = item.spec() == null ? null : item.spec().type();
        if (type == null) {
            return text;
        }
        try {
            return switch (type) {
                case INT -> Integer.valueOf(t);
                case FLOAT -> Double.valueOf(t);
                case INT_LIST -> parseList(t);
                case SIZE_2D -> parseSize(t);
                default -> t;
            };
        } catch (NumberFormatException e) {
            return t; // the model explains what is allowed
        }
    }

    /** "3" is 3x3; "1x7", "1, 7" and "[1, 7]" are 1 high and 7 wide. */
    private static Object parseSize(String t) {
        String[] parts = t.replaceAll("[\\[\\]]", "").trim().split("\\s*[x×,\\s]\\s*");
        if (parts.length == 1) {
            return Integer.valueOf(parts[0]);
        }
        List<Integer> pair = new ArrayList<>();
        for (String part : parts) {
            pair.add(Integer.valueOf(part));
        }
        return pair;
    }

    private static Object parseList(String t) {
        String inner = t.replaceAll("[\\[\\]]", "").trim();
        List<Integer> list = new ArrayList<>();
        if (!inner.isEmpty()) {
            for (String part : inner.split("[,\\s]+")) {
                list.add(Integer.valueOf(part));
            }
        }
        return list;
    }

    @Override
    protected ObservableValue<Object> getObservableValue() {
        return committedOf(getEditor());
    }

    @Override
    public void setValue(Object value) {
        getEditor().setText(format(value));
    }

    static String format(Object value) {
        if (value instanceof List<?> list) {
            return String.join(", ", list.stream().map(String::valueOf).toList());
        }
        if (value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
            return String.valueOf(d);
        }
        return value == null ? "" : String.valueOf(value);
    }
}
