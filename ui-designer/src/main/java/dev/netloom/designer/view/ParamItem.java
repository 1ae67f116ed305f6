package dev.netloom.designer.view;

import dev.netloom.graph.catalog.ParamSpec;
import dev.netloom.graph.catalog.ParamType;
import dev.netloom.graph.edit.EditResult;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableValue;
import org.controlsfx.control.PropertySheet;

import java.util.Optional;
import java.util.function.Function;

/**
 * One row of the property sheet: a layer parameter (or the node's label). Setting a value asks
 * the model through {@code commit}; a refusal keeps the old value and is reported by the panel.
 */
final class ParamItem implements PropertySheet.Item {

    private final String name;
    private final String category;
    private final String description;
    private final ParamSpec spec;
    private final ObjectProperty<Object> value = new SimpleObjectProperty<>();
    private final Function<Object, EditResult> commit;
    private ParamSearch search;

    /**
     * @param spec the parameter, or null for the label row
     * @param commit applies a new value and says whether it was refused
     */
    ParamItem(String name, String category, String description, ParamSpec spec, Object current,
              Function<Object, EditResult> commit) {
        this.name = name;
        this.category = category;
        this.description = description;
        this.spec = spec;
        this.commit = commit;
        value.set(current);
    }

    ParamSpec spec() {
        return spec;
    }

    /** The row's search toggle and range; null when the parameter cannot be searched. */
    ParamSearch search() {
        return search;
    }

    /** Gives the row a search toggle; before the sheet makes its editor. */
    ParamItem withSearch(ParamSearch newSearch) {
        this.search = newSearch;
        return this;
    }

    /** Shows a value the model now holds, without committing it. */
    void show(Object current) {
        value.set(current);
    }

    @Override
    public Class<?> getType() {
        if (spec == null) {
            return String.class;
        }
        return switch (spec.type()) {
            case INT -> Integer.class;
            case FLOAT -> Double.class;
            case BOOL -> Boolean.class;
            case CHOICE, INT_LIST, SIZE_2D -> String.class;
        };
    }

    @Override
    public String getCategory() {
        return category;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public String getDescription() {
        return spec == null ? description : description + "\nAllowed: " + spec.allowed() + ".";
    }

    @Override
    public Object getValue() {
        return value.get();
    }

    @Override
    public void setValue(Object newValue) {
        if (java.util.Objects.equals(newValue, value.get())) {
            return;
        }
        EditResult result = commit.apply(newValue);
        if (!result.applied()) {
            // Editors follow this value: bounce it so they show the model's value again.
            Object old = value.get();
            value.set(null);
            value.set(old);
        }
    }

    @Override
    public Optional<ObservableValue<?>> getObservableValue() {
        return Optional.of(value);
    }

    /** Whether the editor should be a free-text field (numbers and lists are typed). */
    boolean typed() {
        return spec == null || spec.type() == ParamType.INT || spec.type() == ParamType.FLOAT
                || spec.type() == ParamType.INT_LIST || spec.type() == ParamType.SIZE_2D;
    }
}
