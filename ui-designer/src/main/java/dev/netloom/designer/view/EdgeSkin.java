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
    private double labelWidth = -1;
    private double labelHeight;

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
        String kind = DesignerStyle.kindClass(carried == null ? null : carried.kind());
        if (!curve.getStyleClass().contains(kind)) {
            curve.getStyleClass().removeIf(c -> c.startsWith("kind-"));
            curve.getStyleClass().add(kind);
        }
        curve.pseudoClassStateChanged(DesignerStyle.ERROR, error);
        label.pseudoClassStateChanged(DesignerStyle.ERROR, error);
        String text = carried == null ? "?" : carried.toString();
        if (!text.equals(label.getText())) {
            label.setText(text);
            labelWidth = -1; // measured again on the next route
        }
    }

    /**
     * Moves the ends to two canvas points: the output dot and the input dot.
     *
     * @param covered says whether a rectangle (the label's) lies under a card; such a label is hidden
     */
    public void route(Point2D from, Point2D to, java.util.function.Predicate<javafx.geometry.Bounds> covered) {
        route(from, to, covered, dev.netloom.designer.model.Flow.LEFT_TO_RIGHT);
    }

    /**
     * Moves the ends to two canvas points, the curve leaving and entering along {@code flow}.
     * In a top-to-bottom drawing the label sits beside the edge, so a short vertical gap still shows it.
     *
     * @param covered says whether a rectangle (the label's) lies under a card; such a label is hidden
     */
    public void route(Point2D from, Point2D to, java.util.function.Predicate<javafx.geometry.Bounds> covered,
                      dev.netloom.designer.model.Flow flow) {
        Curves.set(curve, from, to, flow);
        Point2D mid = Curves.middle(curve);
        if (labelWidth < 0) {
            // Measuring needs CSS (font, padding); done only when the text changed.
            label.applyCss();
            labelWidth = label.prefWidth(-1);
            labelHeight = label.prefHeight(-1);
        }
        double w = labelWidth;
        double h = labelHeight;
        double lx = flow.vertical() ? mid.getX() + 6 : mid.getX() - w / 2;
        label.resizeRelocate(lx, mid.getY() - h / 2, w, h);
        // A label longer than its edge would cover the port dots; the card footers show the shape anyway.
        double needed = flow.vertical() ? h + 16 : w + 28;
        label.setVisible(from.distance(to) >= needed
                && !covered.test(new javafx.geometry.BoundingBox(lx, mid.getY() - h / 2, w, h)));
    }

    /** The label showing the carried shape (tests read it). */
    public Label label() {
        return label;
    }

    public void dispose() {
        root.getChildren().clear();
    }
}
