package dev.netloom.designer.view;

import javafx.geometry.Point2D;
import javafx.scene.shape.CubicCurve;

/** The S-shaped curve every edge and the drag preview use, so they look the same. */
final class Curves {

    private Curves() {
    }

    /** Sets a left-to-right curve from {@code a} to {@code b}: horizontal tangents at both ends. */
    static void set(CubicCurve curve, Point2D a, Point2D b) {
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
