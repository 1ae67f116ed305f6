package dev.netloom.designer.view;

import dev.netloom.designer.model.DesignerModel;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;

/**
 * A small overview of the whole graph with the visible area framed; clicking or dragging in it
 * moves the view there. Redrawn when the graph or the view changes. It sits in the canvas's top
 * right corner, away from the zoom bar (bottom left) and the status line (below the canvas). It is
 * closed until the zoom bar's map button opens it (any corner it took would cover cards, fix
 * buttons or a refusal on some graph), and it closes itself on a canvas too narrow to spare the room.
 */
public final class Minimap extends StackPane {

    private static final double W = 180;
    private static final double H = 112;
    /** Below this canvas width the overview would cover a third of the graph: it stays hidden. */
    static final double MIN_CANVAS_WIDTH = 600;

    private final GraphCanvas canvas;
    private final Canvas drawing = new Canvas(W, H);
    private double scale = 1;
    private double offsetX;
    private double offsetY;

    private final javafx.beans.property.BooleanProperty wanted =
            new javafx.beans.property.SimpleBooleanProperty(this, "wanted", false);

    Minimap(GraphCanvas canvas, DesignerModel model) {
        this.canvas = canvas;
        getStyleClass().add(DesignerStyle.MINIMAP);
        getChildren().add(drawing);
        setMaxSize(W + 8, H + 8);
        canvas.viewChangesProperty().addListener(o -> draw());
        setOnMousePressed(e -> centreOn(e.getX() - 4, e.getY() - 4));
        setOnMouseDragged(e -> centreOn(e.getX() - 4, e.getY() - 4));
        visibleProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> wanted.get() && model.analysis().graph().nodes().size() > 1
                        && canvas.getWidth() >= MIN_CANVAS_WIDTH,
                model.analysisProperty(), wanted, canvas.widthProperty()));
        managedProperty().bind(visibleProperty());
    }

    /** Whether the user wants the overview shown (the zoom bar's map button). */
    public javafx.beans.property.BooleanProperty wantedProperty() {
        return wanted;
    }

    private void draw() {
        GraphicsContext g = drawing.getGraphicsContext2D();
        g.clearRect(0, 0, W, H);
        Bounds content = canvas.contentBounds();
        if (content == null) {
            return;
        }
        Point2D viewA = canvas.toWorld(0, 0);
        Point2D viewB = canvas.toWorld(canvas.getWidth(), canvas.getHeight());
        double minX = Math.min(content.getMinX(), viewA.getX());
        double minY = Math.min(content.getMinY(), viewA.getY());
        double maxX = Math.max(content.getMaxX(), viewB.getX());
        double maxY = Math.max(content.getMaxY(), viewB.getY());
        scale = Math.min(W / (maxX - minX), H / (maxY - minY));
        offsetX = (W - (maxX - minX) * scale) / 2 - minX * scale;
        offsetY = (H - (maxY - minY) * scale) / 2 - minY * scale;
        boolean dark = canvas.getStyleClass().contains("dark-grid");
        Color ink = dark ? Color.web("#c9d1d9") : Color.web("#57606a");
        g.setFill(ink.deriveColor(0, 1, 1, 0.55));
        for (NodeSkin s : canvas.nodeSkinMap().values()) {
            Bounds b = s.cardBounds();
            g.fillRoundRect(b.getMinX() * scale + offsetX, b.getMinY() * scale + offsetY,
                    Math.max(2, b.getWidth() * scale), Math.max(2, b.getHeight() * scale), 3, 3);
        }
        g.setStroke(Color.web("#2f81f7"));
        g.setLineWidth(1.5);
        g.strokeRect(viewA.getX() * scale + offsetX, viewA.getY() * scale + offsetY,
                (viewB.getX() - viewA.getX()) * scale, (viewB.getY() - viewA.getY()) * scale);
    }

    private void centreOn(double x, double y) {
        double worldX = (x - offsetX) / scale;
        double worldY = (y - offsetY) / scale;
        Point2D centre = canvas.toWorld(canvas.getWidth() / 2, canvas.getHeight() / 2);
        double z = canvas.zoomProperty().get();
        canvas.panBy((centre.getX() - worldX) * z, (centre.getY() - worldY) * z);
    }
}
