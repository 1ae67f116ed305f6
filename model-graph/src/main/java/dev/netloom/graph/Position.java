package dev.netloom.graph;

/** Where the editor draws a node, in canvas units. It has no effect on the model. */
public record Position(double x, double y) {

    public static final Position ORIGIN = new Position(0, 0);

    public Position {
        if (!Double.isFinite(x) || !Double.isFinite(y)) {
            throw new IllegalArgumentException("position must be finite, got (" + x + ", " + y + ")");
        }
    }

    public Position plus(double dx, double dy) {
        return new Position(x + dx, y + dy);
    }
}
