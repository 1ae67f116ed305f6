package dev.netloom.designer.view;

import dev.netloom.designer.model.PaletteModel;
import dev.netloom.graph.catalog.Category;
import dev.netloom.graph.catalog.LayerSpec;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.controlsfx.control.textfield.TextFields;
import org.kordamp.ikonli.javafx.FontIcon;

import java.util.List;
import java.util.Map;

/**
 * Every catalog layer, grouped by category, with a search field. A layer is dragged onto the
 * canvas (or double-clicked to land in the middle); its plain-language description is the
 * tooltip.
 */
public final class PaletteView extends VBox {

    private final PaletteModel model;
    private final GraphCanvas canvas;
    private final DragGhost ghost;
    private final TextField search = TextFields.createClearableTextField();
    private final VBox groups = new VBox(2);

    PaletteView(PaletteModel model, GraphCanvas canvas, DragGhost ghost) {
        this.model = model;
        this.canvas = canvas;
        this.ghost = ghost;
        getStyleClass().add(DesignerStyle.PALETTE);
        Label title = new Label("Layers");
        title.getStyleClass().add(DesignerStyle.PANEL_TITLE);
        Label hint = new Label("Drag onto the canvas");
        hint.getStyleClass().add(DesignerStyle.PANEL_SUBTITLE);
        search.setPromptText("Search layers  (Ctrl+F)");
        search.setId("palette-search");
        // ControlsFX gives the field its own stylesheet, whose prompt colour is dark on the dark theme;
        // an inline style outranks it and uses the theme token.
        search.setStyle("-fx-prompt-text-fill: -nl-text-muted;");
        search.textProperty().bindBidirectional(model.searchProperty());
        search.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER && model.matchCount() > 0) {
                canvas.addLayerAtCentre(model.groupsProperty().get().values().iterator().next().get(0).type());
            } else if (e.getCode() == KeyCode.ESCAPE) {
                search.clear();
                canvas.requestFocus();
            }
        });
        ScrollPane scroll = new ScrollPane(groups);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        VBox header = new VBox(2, title, hint);
        setSpacing(10);
        setPadding(new Insets(14, 10, 10, 12));
        getChildren().addAll(header, search, scroll);
        model.groupsProperty().addListener((obs, old, g) -> show(g));
        show(model.groupsProperty().get());
    }

    /** Puts the cursor in the search field (Ctrl+F). */
    public void focusSearch() {
        search.requestFocus();
        search.selectAll();
    }

    public TextField searchField() {
        return search;
    }

    private void show(Map<Category, List<LayerSpec>> byCategory) {
        groups.getChildren().clear();
        if (byCategory.isEmpty()) {
            Label none = new Label("No layer matches \"" + model.searchProperty().get() + "\"");
            none.getStyleClass().add(DesignerStyle.PANEL_SUBTITLE);
            none.setWrapText(true);
            groups.getChildren().add(none);
            return;
        }
        byCategory.forEach((category, specs) -> {
            FontIcon icon = new FontIcon(LayerIcons.of(category));
            icon.setIconSize(14);
            Label header = new Label(category.displayName().toUpperCase(java.util.Locale.ROOT), icon);
            header.getStyleClass().addAll(DesignerStyle.PALETTE_GROUP, DesignerStyle.categoryClass(category));
            groups.getChildren().add(header);
            for (LayerSpec spec : specs) {
                groups.getChildren().add(item(spec));
            }
        });
    }

    private HBox item(LayerSpec spec) {
        FontIcon icon = LayerIcons.icon(spec.layerType(), 16, DesignerStyle.NODE_ICON,
                DesignerStyle.categoryClass(spec.category()));
        Label name = new Label(spec.type());
        HBox row = new HBox(10, icon, name);
        row.setAlignment(Pos.CENTER_LEFT);
        row.getStyleClass().add(DesignerStyle.PALETTE_ITEM);
        row.setId("palette-" + spec.type());
        Tooltip tip = new Tooltip(spec.description());
        tip.setWrapText(true);
        tip.setMaxWidth(320);
        tip.setShowDelay(Duration.millis(350));
        Tooltip.install(row, tip);

        // Plain mouse events, not platform drag-and-drop: the ghost follows the pointer the
        // same way on every platform and in headless tests.
        row.setOnMousePressed(e -> {
            if (e.getButton() == MouseButton.PRIMARY) {
                e.consume();
            }
        });
        row.setOnMouseDragged(e -> {
            if (e.getButton() == MouseButton.PRIMARY) {
                ghost.show(spec.layerType(), e.getSceneX(), e.getSceneY());
                e.consume();
            }
        });
        row.setOnMouseReleased(e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.isStillSincePress()) {
                if (e.getClickCount() >= 2) {
                    canvas.addLayerAtCentre(spec.type());
                }
            } else if (e.getButton() == MouseButton.PRIMARY) {
                canvas.dropLayer(spec.type(), e.getSceneX(), e.getSceneY());
            }
            ghost.hide();
            e.consume();
        });
        row.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2 && e.getButton() == MouseButton.PRIMARY && !e.isStillSincePress()) {
                e.consume();
            }
        });
        return row;
    }
}
