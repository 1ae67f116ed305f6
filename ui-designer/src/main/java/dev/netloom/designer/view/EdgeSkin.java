package dev.netloom.designer.view;

import dev.netloom.graph.Edge;
import dev.netloom.graph.TensorType;
import javafx.geometry.Point2D;
import javafx.scene.Group;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.shape.CubicCurve;

/**
 * Draws one edge: a curve from an output dot to an input dot, coloured by the tensor kind it
 * carries and labelled with that tensor's shape. Red when the receiving port refuses it.
 */
public final class EdgeSkin {

    private final Edge edge;
    private final Group root = new Group();
    private final CubicCurve curve = new CubicCurve();
    private final Label label = new Label();
    private TensorType shown;
    private boolean shownError;

    public EdgeSkin(Edge edge) {
        this.edge = edge;
        curve.getStyleClass().add(DesignerStyle.EDGE);
        curve.setFill(null);
        label.getStyleClass().add(DesignerStyle.EDGE_LABEL);
        label.setMouseTransparent(true);
        root.getChildren().addAll(curve, label);
        root.setUserData(this);
        root.setMouseTransparent(true);
        root.setAutoSizeChildren(true);
    }

    public Edge edge() {
        return edge;
    }

    public Parent getRoot() {
        return root;
    }

    /** Sets what the edge carries and whether its receiver refuses it. */
    public void update(TensorType carried, boolean error) {
        if (java.util.Objects.equals(carried, shown) && error == shownError && !label.getText().isEmpty()) {
            return;
        }
        shown = carried;
        shownError = error;
        curve.getStyleClass().removeIf(c -> c.startsWith("kind-"));
        curve.getStyleClass().add(DesignerStyle.kindClass(carried == null ? null : carried.kind()));
        curve.pseudoClassStateChanged(DesignerStyle.ERROR, error);
        label.pseudoClassStateChanged(DesignerStyle.ERROR, error);
        label.setText(carried == null ? "?" : carried.toString());
    }

    /** Moves the ends to two canvas points: the output dot and the input dot. */
    public void route(Point2D from, Point2D to) {
        Curves.set(curve, from, to);
        Point2D mid = Curves.middle(curve);
        label.applyCss();
        double w = label.prefWidth(-1);
        double h = label.prefHeight(-1);
        label.resizeRelocate(mid.getX() - w / 2, mid.getY() - h / 2, w, h);
        // A label longer than its edge would cover the port dots; the card footers show the shape anyway.
        label.setVisible(from.distance(to) >= w + 28);
    }

    /** The label showing the carried shape (tests read it). */
    public Label label() {
        return label;
    }

    public void dispose() {
        root.getChildren().clear();
    }
}
