package dev.netloom.designer.view;

import dev.netloom.graph.catalog.ParamSpec;
import dev.netloom.graph.edit.EditResult;
import dev.netloom.graph.search.Range;
import dev.netloom.graph.search.SearchRangeException;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The search side of one property-sheet row: whether the parameter is searchable and over what
 * range (as the model holds it), and the one path by which the row's toggle and range editors
 * change it. Every change goes to the model ({@code DesignerModel.setSearchable} /
 * {@code setSearchRange}); a refusal is shown by the panel, and the editors show the model's
 * range again.
 */
final class ParamSearch {

    private final ParamSpec spec;
    private final ReadOnlyObjectWrapper<Range> range = new ReadOnlyObjectWrapper<>(this, "range");
    private final Function<Boolean, EditResult> toggle;
    private final Function<Range, EditResult> commit;
    private final Consumer<String> refuse;

    /**
     * @param toggle marks the parameter searchable (true, with a default range) or not
     * @param commit sets a new range
     * @param refuse shows why a range typed in the editors is not even a range
     */
    ParamSearch(ParamSpec spec, Range current, Function<Boolean, EditResult> toggle,
                Function<Range, EditResult> commit, Consumer<String> refuse) {
        this.spec = spec;
        this.toggle = toggle;
        this.commit = commit;
        this.refuse = refuse;
        range.set(current);
    }

    ParamSpec spec() {
        return spec;
    }

    /** The range the model holds; null when the parameter is not searched. */
    ReadOnlyObjectProperty<Range> rangeProperty() {
        return range.getReadOnlyProperty();
    }

    /** Follows the model (after an edit, an undo, a redo). */
    void show(Range current) {
        range.set(current);
    }

    void setSearchable(boolean on) {
        toggle.apply(on);
    }

    /**
     * Builds a range from the editors and sets it; a range that cannot be built (high below low,
     * text that is not a number) is refused with the field that is wrong.
     */
    void commit(Supplier<Range> build) {
        Range next;
        try {
            next = build.get();
        } catch (SearchRangeException e) {
            refuse.accept(e.describe());
            return;
        }
        if (!next.equals(range.get())) {
            commit.apply(next);
        }
    }
}
