package dev.netloom.designer.model;

import dev.netloom.graph.Edge;
import dev.netloom.graph.Graph;
import dev.netloom.graph.Position;

/**
 * Which way a drawing reads: data enters at the top and flows down (the default, as Netron and
 * Model Explorer draw models: a deep model stays narrow and readable), or enters at the left and
 * flows right. Cards put their input dots on the side data comes from and their output dots on
 * the side it leaves by; auto-layout and the edges' curves follow the same choice.
 */
public enum Flow {
    TOP_TO_BOTTOM("Top to bottom"),
    LEFT_TO_RIGHT("Left to right");

    private final String displayName;

    Flow(String displayName) {
        this.displayName = displayName;
    }

    /** How the View menu names it. */
    public String displayName() {
        return displayName;
    }

    /** Whether edges leave cards downwards. */
    public boolean vertical() {
        return this == TOP_TO_BOTTOM;
    }

    /**
     * The flow a saved drawing already has: the one most of its edges follow (an edge whose
     * target is further right than below its source reads left to right). Files drawn before
     * top-to-bottom existed are left to right and keep reading that way; an empty graph takes the
     * default.
     */
    public static Flow of(Graph graph) {
        int down = 0;
        int right = 0;
        for (Edge e : graph.edges()) {
            Position a = graph.node(e.from().nodeId()).map(n -> n.position()).orElse(null);
            Position b = graph.node(e.to().nodeId()).map(n -> n.position()).orElse(null);
            if (a == null || b == null) {
                continue;
            }
            double dx = b.x() - a.x();
            double dy = b.y() - a.y();
            if (dx > dy) {
                right++;
            } else if (dy > dx) {
                down++;
            }
        }
        return right > down ? LEFT_TO_RIGHT : TOP_TO_BOTTOM;
    }
}
