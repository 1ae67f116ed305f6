package dev.netloom.designer.view;

import dev.netloom.designer.model.DesignerModel;
import dev.netloom.designer.model.PaletteModel;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.StackPane;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignM;

/**
 * The designer's parts wired together: palette, canvas (with its zoom bar), property panel and
 * cost bar in a frame, plus the layer the palette's drag ghost is drawn on.
 *
 * @param frame palette left, canvas centre, properties right, cost bar bottom
 * @param ghostLayer a mouse-transparent layer above the frame
 * @param canvas the drawing surface
 * @param palette the layer palette
 * @param properties the property panel
 * @param costBar the cost bar
 * @param minimap the overview in the canvas's corner
 * @param findBar find in the graph, over the canvas's top left corner
 */
public record Views(BorderPane frame, Pane ghostLayer, GraphCanvas canvas, PaletteView palette,
                    PropertyPanel properties, CostBar costBar, Minimap minimap, FindBar findBar) {

    /** Builds the parts for a model; {@code autoLayout} runs when the layout button is pressed. */
    public static Views build(DesignerModel model, PaletteModel paletteModel, Runnable autoLayout) {
        Pane ghostLayer = new Pane();
        ghostLayer.setMouseTransparent(true);
        ghostLayer.setPickOnBounds(false);
        GraphCanvas canvas = new GraphCanvas(model, SkinFactory.standard());
        PaletteView palette = new PaletteView(paletteModel, canvas, new DragGhost(ghostLayer));
        palette.setPrefWidth(230);
        palette.setMinWidth(200);
        PropertyPanel properties = new PropertyPanel(model);
        properties.setPrefWidth(310);
        properties.setMinWidth(260);
        CostBar costBar = new CostBar(model);

        Label zoomText = new Label();
        zoomText.textProperty().bind(canvas.zoomProperty().multiply(100).asString("%.0f %%"));
        zoomText.setMinWidth(44);
        zoomText.setAlignment(Pos.CENTER);
        HBox zoomBar = new HBox(2,
                button(MaterialDesignM.MAGNIFY_MINUS_OUTLINE, "Zoom out",
                        () -> canvas.zoomAt(1 / 1.2, canvas.getWidth() / 2, canvas.getHeight() / 2)),
                zoomText,
                button(MaterialDesignM.MAGNIFY_PLUS_OUTLINE, "Zoom in",
                        () -> canvas.zoomAt(1.2, canvas.getWidth() / 2, canvas.getHeight() / 2)),
                button(MaterialDesignF.FIT_TO_SCREEN_OUTLINE, "Fit to view (F)", canvas::fitToView),
                button(MaterialDesignA.AUTO_FIX, "Auto-layout (Ctrl+L)", autoLayout));
        zoomBar.getStyleClass().add(DesignerStyle.ZOOM_BAR);
        zoomBar.setAlignment(Pos.CENTER);
        zoomBar.setMaxSize(HBox.USE_PREF_SIZE, HBox.USE_PREF_SIZE);
        Minimap minimap = new Minimap(canvas, model);
        javafx.scene.control.ToggleButton overview = new javafx.scene.control.ToggleButton(null,
                icon(MaterialDesignM.MAP_OUTLINE));
        overview.setId("minimap-toggle");
        overview.getStyleClass().addAll("flat", "button-icon");
        overview.setTooltip(new Tooltip("Show or hide the overview"));
        overview.setFocusTraversable(false);
        overview.selectedProperty().bindBidirectional(minimap.wantedProperty());
        zoomBar.getChildren().add(overview);
        FindBar findBar = new FindBar(model, canvas);
        StackPane centre = new StackPane(canvas, zoomBar, minimap, findBar);
        StackPane.setAlignment(findBar, Pos.TOP_LEFT);
        StackPane.setMargin(findBar, new Insets(12));
        StackPane.setAlignment(zoomBar, Pos.BOTTOM_LEFT);
        StackPane.setMargin(zoomBar, new Insets(12));
        // Top right: the zoom bar is bottom left, the fix buttons and messages sit beside their cards.
        StackPane.setAlignment(minimap, Pos.TOP_RIGHT);
        StackPane.setMargin(minimap, new Insets(12));

        BorderPane frame = new BorderPane(centre, null, properties, costBar, palette);
        return new Views(frame, ghostLayer, canvas, palette, properties, costBar, minimap, findBar);
    }

    private static FontIcon icon(Ikon icon) {
        FontIcon i = new FontIcon(icon);
        i.setIconSize(18);
        return i;
    }

    private static Button button(Ikon icon, String tip, Runnable action) {
        Button b = new Button(null, icon(icon));
        b.getStyleClass().addAll("flat", "button-icon");
        b.setTooltip(new Tooltip(tip));
        b.setOnAction(e -> action.run());
        b.setFocusTraversable(false);
        return b;
    }
}
