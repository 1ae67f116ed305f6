package dev.netloom.designer.view;

import dev.netloom.graph.catalog.LayerType;
import javafx.geometry.Point2D;
import javafx.scene.control.Label;
import javafx.scene.layout.Pane;

/** The small card that follows the pointer while a layer is dragged from the palette. */
final class DragGhost {

    private final Pane layer;
    private final Label label = new Label();

    /** @param layer a mouse-transparent pane covering the designer, where the ghost is drawn */
    DragGhost(Pane layer) {
        this.layer = layer;
        label.getStyleClass().add(DesignerStyle.DRAG_GHOST);
        label.setMouseTransparent(true);
        label.setVisible(false);
        label.setManaged(false);
        layer.getChildren().add(label);
    }

    void show(LayerType type, double sceneX, double sceneY) {
        label.setText(type.name());
        label.setGraphic(LayerIcons.icon(type, 16));
        label.setVisible(true);
        move(sceneX, sceneY);
    }

    void move(double sceneX, double sceneY) {
        Point2D p = layer.sceneToLocal(sceneX, sceneY);
        label.autosize();
        label.relocate(p.getX() - label.getWidth() / 2, p.getY() - label.getHeight() / 2);
    }

    void hide() {
        label.setVisible(false);
    }
}
