package dev.netloom.designer.view;

import javafx.scene.Node;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.controlsfx.property.editor.PropertyEditor;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;

/**
 * A value editor with a "search" toggle beside it and, while the toggle is on, the range editors
 * under it. The value itself is still edited by the wrapped editor; the toggle and the range go
 * through the row's {@link ParamSearch}.
 */
final class SearchableEditor implements PropertyEditor<Object> {

    private final PropertyEditor<Object> value;
    private final VBox box;

    @SuppressWarnings("unchecked")
    SearchableEditor(PropertyEditor<?> value, ParamSearch search) {
        this.value = (PropertyEditor<Object>) value;
        String name = search.spec().name();
        ToggleButton toggle = new ToggleButton("search", icon());
        toggle.setId("search-" + name);
        toggle.getStyleClass().add(DesignerStyle.SEARCH_TOGGLE);
        // The icon is the one searchable cards wear; the word is in the tooltip (the column is narrow).
        toggle.setContentDisplay(javafx.scene.control.ContentDisplay.GRAPHIC_ONLY);
        toggle.setTooltip(new Tooltip("Search: let the automatic search try other values of " + name
                + " within a range you choose"));
        toggle.setFocusTraversable(false);
        toggle.setSelected(search.rangeProperty().get() != null);
        // Follow the model: an undo or a refusal sets the toggle back.
        search.rangeProperty().addListener((obs, old, r) -> toggle.setSelected(r != null));
        toggle.setOnAction(e -> {
            search.setSearchable(toggle.isSelected());
            toggle.setSelected(search.rangeProperty().get() != null);
        });
        Node editor = value.getEditor();
        HBox.setHgrow(editor, Priority.ALWAYS);
        if (editor instanceof javafx.scene.layout.Region r) {
            r.setMaxWidth(Double.MAX_VALUE);
            r.setMinWidth(60);
        }
        HBox top = new HBox(6, editor, toggle);
        top.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        box = new VBox(6, top, new RangeEditor(search));
    }

    private static FontIcon icon() {
        FontIcon i = new FontIcon(MaterialDesignT.TUNE_VARIANT);
        i.getStyleClass().add(DesignerStyle.SEARCH_ICON);
        return i;
    }

    @Override
    public Node getEditor() {
        return box;
    }

    @Override
    public Object getValue() {
        return value.getValue();
    }

    @Override
    public void setValue(Object v) {
        value.setValue(v);
    }
}
