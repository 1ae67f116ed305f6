package dev.netloom.graph.edit;

import dev.netloom.graph.Edge;
import dev.netloom.graph.Graph;
import dev.netloom.graph.catalog.LayerCatalog;

/** Removes one edge. */
public record Disconnect(Edge edge) implements Edit {

    @Override
    public Graph applyTo(Graph graph, LayerCatalog catalog) throws EditRefusedException {
        if (!graph.edges().contains(edge)) {
            throw new EditRefusedException("there is no connection " + edge);
        }
        return graph.withoutEdge(edge);
    }

    @Override
    public String description() {
        return "disconnect " + edge;
    }
}
