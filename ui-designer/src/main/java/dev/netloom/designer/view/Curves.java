package dev.netloom.designer.view;

import dev.netloom.designer.model.Flow;
import javafx.geometry.Point2D;
import javafx.scene.shape.CubicCurve;

/** The S-shaped curve every edge and the drag preview use, so they look the same. */
final class Curves {

    private Curves() {
    }

    /** Sets a left-to-right curve from {@code a} to {@code b}: horizontal tangents at both ends. */
    static void set(CubicCurve curve, Point2D a, Point2D b) {
        set(curve, a, b, Flow.LEFT_TO_RIGHT);
    }

    /**
     * Sets a curve from an output dot {@code a} to an input dot {@code b}: tangents leave and
     * enter along the flow (downwards when the drawing reads top to bottom).
     */
    static void set(CubicCurve curve, Point2D a, Point2D b, Flow flow) {
        if (flow.vertical()) {
            double dy = Math.max(40, Math.abs(b.getY() - a.getY()) / 2);
            curve.setStartX(a.getX());
            curve.setStartY(a.getY());
            curve.setControlX1(a.getX());
            curve.setControlY1(a.getY() + dy);
            curve.setControlX2(b.getX());
            curve.setControlY2(b.getY() - dy);
            curve.setEndX(b.getX());
            curve.setEndY(b.getY());
            return;
        }
        double dx = Math.max(48, Math.abs(b.getX() - a.getX()) / 2);
        curve.setStartX(a.getX());
        curve.setStartY(a.getY());
        curve.setControlX1(a.getX() + dx);
        curve.setControlY1(a.getY());
        curve.setControlX2(b.getX() - dx);
        curve.setControlY2(b.getY());
        curve.setEndX(b.getX());
        curve.setEndY(b.getY());
    }

    /** The curve's point at t = 1/2. */
    static Point2D middle(CubicCurve c) {
        return new Point2D(
                (c.getStartX() + 3 * c.getControlX1() + 3 * c.getControlX2() + c.getEndX()) / 8,
                (c.getStartY() + 3 * c.getControlY1() + 3 * c.getControlY2() + c.getEndY()) / 8);
    }
}
