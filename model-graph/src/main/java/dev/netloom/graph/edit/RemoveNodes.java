package dev.netloom.graph.edit;

import dev.netloom.graph.Graph;
import dev.netloom.graph.catalog.LayerCatalog;

import java.util.Set;

/** Removes nodes and every edge that touches them, as one step. */
public record RemoveNodes(Set<String> nodeIds) implements Edit {

    public RemoveNodes {
        nodeIds = Set.copyOf(nodeIds);
    }

    @Override
    public Graph applyTo(Graph graph, LayerCatalog catalog) throws EditRefusedException {
        if (nodeIds.isEmpty()) {
            throw new EditRefusedException("nothing is selected");
        }
        Graph g = graph;
        for (String id : nodeIds) {
            if (!g.hasNode(id)) {
                throw new EditRefusedException("no node \"" + id + "\"");
            }
            g = g.withoutNode(id);
        }
        return g;
    }

    @Override
    public String description() {
        return nodeIds.size() == 1 ? "delete " + nodeIds.iterator().next() : "delete " + nodeIds.size() + " nodes";
    }
}
