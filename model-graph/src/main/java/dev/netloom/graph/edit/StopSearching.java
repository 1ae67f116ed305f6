package dev.netloom.graph.edit;

import dev.netloom.graph.Graph;
import dev.netloom.graph.catalog.LayerCatalog;
import dev.netloom.graph.search.SearchSpace;
import dev.netloom.graph.search.SearchTarget;

/** Takes a parameter out of the search: it keeps its current value. */
public record StopSearching(SearchTarget target) implements SearchEdit {

    @Override
    public SearchSpace applyTo(SearchSpace space, Graph graph, LayerCatalog catalog) throws EditRefusedException {
        if (!space.contains(target)) {
            throw new EditRefusedException(SetSearchRange.label(target) + " is not searched");
        }
        return space.without(target);
    }

    @Override
    public String description() {
        return "stop searching " + SetSearchRange.label(target);
    }
}
