package dev.netloom.graph.edit;

import dev.netloom.graph.Graph;
import dev.netloom.graph.catalog.LayerCatalog;

/** Renames what the editor shows for a node; its id, which weights are named by, stays. */
public record SetLabel(String nodeId, String label) implements Edit {

    /** Labels are for people; a paragraph is not a label. */
    public static final int MAX_LENGTH = 80;

    @Override
    public Graph applyTo(Graph graph, LayerCatalog catalog) throws EditRefusedException {
        var node = graph.node(nodeId).orElseThrow(() -> new EditRefusedException("no node \"" + nodeId + "\""));
        if (label != null && label.length() > MAX_LENGTH) {
            throw new EditRefusedException("a label has at most " + MAX_LENGTH + " characters");
        }
        return graph.withReplacedNode(node.withLabel(label));
    }

    @Override
    public String description() {
        return "rename " + nodeId;
    }
}
