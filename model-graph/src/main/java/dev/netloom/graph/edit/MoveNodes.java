package dev.netloom.graph.edit;

import dev.netloom.graph.Graph;
import dev.netloom.graph.Position;
import dev.netloom.graph.catalog.LayerCatalog;

import java.util.Map;

/** Moves nodes to new positions (a drag, or an auto-layout), as one step. */
public record MoveNodes(Map<String, Position> positions) implements Edit {

    public MoveNodes {
        positions = Map.copyOf(positions);
    }

    @Override
    public Graph applyTo(Graph graph, LayerCatalog catalog) throws EditRefusedException {
        Graph g = graph;
        for (Map.Entry<String, Position> e : positions.entrySet()) {
            var node = g.node(e.getKey()).orElseThrow(() -> new EditRefusedException("no node \"" + e.getKey() + "\""));
            g = g.withReplacedNode(node.withPosition(e.getValue()));
        }
        return g;
    }

    @Override
    public String description() {
        return positions.size() == 1 ? "move " + positions.keySet().iterator().next() : "move " + positions.size() + " nodes";
    }
}
