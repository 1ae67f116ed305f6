package dev.netloom.graph.search;

import dev.netloom.graph.Graph;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which parameters the automatic search may change, in the order they were marked: an immutable
 * value, like {@link Graph}. Each target appears at most once. It does not check ranges against
 * a graph; {@link SearchRules} does, and the document that holds it (the editor's
 * {@code GraphDocument}) keeps it in step with the graph: a node removed drops its entries.
 *
 * @param parameters the searchable parameters, targets distinct
 */
public record SearchSpace(List<SearchableParameter> parameters) {

    /** Nothing is searched. */
    public static final SearchSpace EMPTY = new SearchSpace(List.of());

    public SearchSpace {
        parameters = List.copyOf(parameters);
        Set<SearchTarget> seen = new java.util.HashSet<>();
        for (SearchableParameter p : parameters) {
            if (!seen.add(p.target())) {
                throw new IllegalArgumentException(p.target().text() + " is listed twice");
            }
        }
    }

    public boolean isEmpty() {
        return parameters.isEmpty();
    }

    /** The entry for a target, if it is searchable. */
    public Optional<SearchableParameter> find(SearchTarget target) {
        return parameters.stream().filter(p -> p.target().equals(target)).findFirst();
    }

    /** Whether a target is searchable. */
    public boolean contains(SearchTarget target) {
        return find(target).isPresent();
    }

    /** A copy with {@code parameter} added, or replacing the entry for its target in place. */
    public SearchSpace with(SearchableParameter parameter) {
        List<SearchableParameter> copy = new ArrayList<>(parameters);
        for (int i = 0; i < copy.size(); i++) {
            if (copy.get(i).target().equals(parameter.target())) {
                copy.set(i, parameter);
                return new SearchSpace(copy);
            }
        }
        copy.add(parameter);
        return new SearchSpace(copy);
    }

    /** A copy without the entry for {@code target} (the same space when there is none). */
    public SearchSpace without(SearchTarget target) {
        return keep(p -> !p.target().equals(target));
    }

    /** A copy without the entries of nodes that {@code graph} no longer has. */
    public SearchSpace retainNodesOf(Graph graph) {
        return keep(p -> !(p.target() instanceof SearchTarget.NodeParameter n) || graph.hasNode(n.nodeId()));
    }

    /** The ids of nodes with at least one searchable parameter (the cards that show a marker). */
    public Set<String> nodeIds() {
        Set<String> ids = new LinkedHashSet<>();
        for (SearchableParameter p : parameters) {
            if (p.target() instanceof SearchTarget.NodeParameter n) {
                ids.add(n.nodeId());
            }
        }
        return ids;
    }

    private SearchSpace keep(Predicate<SearchableParameter> keep) {
        List<SearchableParameter> kept = parameters.stream().filter(keep).toList();
        return kept.size() == parameters.size() ? this : new SearchSpace(kept);
    }
}
