package dev.netloom.graph.edit;

import dev.netloom.graph.Graph;
import dev.netloom.graph.catalog.LayerCatalog;

import java.util.List;

/** Several edits as one gesture: all apply or none does, and one undo reverts them all. */
public record CompoundEdit(String description, List<Edit> edits) implements Edit {

    public CompoundEdit {
        edits = List.copyOf(edits);
    }

    @Override
    public Graph applyTo(Graph graph, LayerCatalog catalog) throws EditRefusedException {
        Graph g = graph;
        for (Edit e : edits) {
            g = e.applyTo(g, catalog);
        }
        return g;
    }
}
