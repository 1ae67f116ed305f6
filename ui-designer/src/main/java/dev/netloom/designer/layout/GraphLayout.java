package dev.netloom.designer.layout;

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

    /** A position for each node id of {@code graph}. */
    Map<String, Position> layout(Graph graph);
}
