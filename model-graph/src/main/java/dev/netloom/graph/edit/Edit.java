package dev.netloom.graph.edit;

import dev.netloom.graph.Graph;
import dev.netloom.graph.catalog.LayerCatalog;

/**
 * One user gesture on a graph, as a pure function from the graph before to the graph after.
 * Edits touch only the model, never a view. A gesture that changes several things (removing a
 * node removes its edges; inserting a layer on an edge) is one edit, so it is undone in one
 * step. Apply edits through {@link GraphDocument}, which keeps undo and redo.
 */
public sealed interface Edit permits AddNode, RemoveNodes, Connect, Disconnect, SetParam, MoveNodes, SetLabel,
        InsertOnEdge, AddFragment, CompoundEdit {

    /**
     * The graph after this edit.
     *
     * @throws EditRefusedException when the edit cannot apply; nothing changes
     */
    Graph applyTo(Graph graph, LayerCatalog catalog) throws EditRefusedException;

    /** A short phrase for menus: "Undo add Conv2d". */
    String description();
}
