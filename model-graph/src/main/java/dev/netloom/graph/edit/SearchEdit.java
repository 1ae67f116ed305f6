package dev.netloom.graph.edit;

import dev.netloom.graph.Graph;
import dev.netloom.graph.catalog.LayerCatalog;
import dev.netloom.graph.search.SearchSpace;

/**
 * One change to which parameters the search may change, as a pure function on the search space
 * (the graph is read, never changed). Applied through {@link GraphDocument}, which keeps it in the
 * same undo history as graph {@link Edit}s.
 */
public sealed interface SearchEdit permits SetSearchRange, StopSearching {

    /**
     * The search space after this edit.
     *
     * @throws EditRefusedException when the edit cannot apply; nothing changes
     */
    SearchSpace applyTo(SearchSpace space, Graph graph, LayerCatalog catalog) throws EditRefusedException;

    /** A short phrase for menus: "Undo search fc1.units". */
    String description();
}
