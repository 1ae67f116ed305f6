package dev.netloom.designer.layout;

import dev.netloom.designer.model.Flow;
import dev.netloom.graph.Graph;
import dev.netloom.graph.Position;

import java.util.Map;

/**
 * Computes positions for every node of a graph. Pure: it reads the graph and returns
 * positions; the caller applies them as one {@code MoveNodes} edit, so a layout is undone in
 * one step. May be slow on large graphs; callers run it off the FX thread.
 */
@FunctionalInterface
public interface GraphLayout {

    /** A position for each node id of {@code graph}, reading the way {@code flow} says. */
    Map<String, Position> layout(Graph graph, Flow flow);

    /** The graph with every node moved to where {@link #layout(Graph, Flow)} puts it (a new drawing, not an edit). */
    default Graph laidOut(Graph graph, Flow flow) {
        Graph g = graph;
        for (Map.Entry<String, Position> e : layout(graph, flow).entrySet()) {
            g = g.withReplacedNode(g.requireNode(e.getKey()).withPosition(e.getValue()));
        }
        return g;
    }

    /** A position for each node id of {@code graph}, read top to bottom (the studio's default). */
    default Map<String, Position> layout(Graph graph) {
        return layout(graph, Flow.TOP_TO_BOTTOM);
    }
}
