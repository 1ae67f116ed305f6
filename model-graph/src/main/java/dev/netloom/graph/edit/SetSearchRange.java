package dev.netloom.graph.edit;

import dev.netloom.graph.Graph;
import dev.netloom.graph.catalog.LayerCatalog;
import dev.netloom.graph.search.SearchRangeException;
import dev.netloom.graph.search.SearchRules;
import dev.netloom.graph.search.SearchSpace;
import dev.netloom.graph.search.SearchTarget;
import dev.netloom.graph.search.SearchableParameter;

/**
 * Marks a parameter searchable over a range, or changes the range of one that already is. A
 * range the parameter does not allow is refused with the field and the reason, for example
 * {@code high: 100000 is above units' maximum 65536}.
 */
public record SetSearchRange(SearchableParameter parameter) implements SearchEdit {

    @Override
    public SearchSpace applyTo(SearchSpace space, Graph graph, LayerCatalog catalog) throws EditRefusedException {
        try {
            return space.with(new SearchRules(catalog).check(parameter, graph));
        } catch (SearchRangeException e) {
            throw new EditRefusedException(e.describe());
        }
    }

    @Override
    public String description() {
        return "search " + label(parameter.target());
    }

    /** "fc1.units" or "training.learningRate": short enough for a menu. */
    static String label(SearchTarget target) {
        return target instanceof SearchTarget.NodeParameter n ? n.nodeId() + "." + n.name() : target.text();
    }
}
