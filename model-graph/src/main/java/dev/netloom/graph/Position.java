package dev.netloom.graph;

/** Where the editor draws a node, in canvas units. It has no effect on the model. */
public record Position(double x, double y) {

    public static final Position ORIGIN = new Position(0, 0);

    /** How far from the origin a node may sit; files refuse farther positions, so edits do too. */
    public static final double LIMIT = 1e9;

    public Position {
        if (!Double.isFinite(x) || !Double.isFinite(y) || Math.abs(x) > LIMIT || Math.abs(y) > LIMIT) {
            throw new IllegalArgumentException("a position must lie within ±1e9 of the origin, got (" + x + ", " + y + ")");
        }
    }

    public Position plus(double dx, double dy) {
        return new Position(x + dx, y + dy);
    }
}
