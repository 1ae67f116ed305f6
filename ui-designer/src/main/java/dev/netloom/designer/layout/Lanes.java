package dev.netloom.designer.layout;

import dev.netloom.graph.Edge;
import dev.netloom.graph.Graph;
import dev.netloom.graph.Node;
import dev.netloom.graph.catalog.LayerCatalog;
import dev.netloom.graph.catalog.LayerSpec;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One horizontal lane per input of a multimodal graph: a node reachable from exactly one input
 * (and from no other) belongs to that input's lane; nodes where branches join (fusion, heads)
 * and nodes no input reaches belong to none. A graph with fewer than two inputs has no lanes:
 * it reads left to right as it is.
 *
 * @param byInput each input's id with the ids of its lane (the input first), in graph order
 */
public record Lanes(Map<String, List<String>> byInput) {

    public Lanes {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        byInput.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        byInput = java.util.Collections.unmodifiableMap(copy);
    }

    /** Whether the graph has two or more lanes to keep apart. */
    public boolean multimodal() {
        return byInput.size() >= 2;
    }

    /** The lanes of a graph; inputs are the nodes whose layer type takes no input. */
    public static Lanes of(Graph graph, LayerCatalog catalog) {
        List<String> inputs = new ArrayList<>();
        for (Node n : graph.nodes()) {
            LayerSpec spec = catalog.find(n.type()).orElse(null);
            if (spec != null && spec.inputs().isEmpty()) {
                inputs.add(n.id());
            }
        }
        Map<String, List<String>> next = new HashMap<>();
        for (Edge e : graph.edges()) {
            next.computeIfAbsent(e.from().nodeId(), k -> new ArrayList<>()).add(e.to().nodeId());
        }
        Map<String, Set<String>> reachedFrom = new HashMap<>();
        for (String input : inputs) {
            Deque<String> todo = new ArrayDeque<>(List.of(input));
            Set<String> seen = new HashSet<>();
            while (!todo.isEmpty()) {
                String id = todo.pop();
                if (seen.add(id)) {
                    reachedFrom.computeIfAbsent(id, k -> new HashSet<>()).add(input);
                    todo.addAll(next.getOrDefault(id, List.of()));
                }
            }
        }
        Map<String, List<String>> lanes = new LinkedHashMap<>();
        if (inputs.size() < 2) {
            return new Lanes(lanes);
        }
        inputs.forEach(i -> lanes.put(i, new ArrayList<>()));
        for (Node n : graph.nodes()) {
            Set<String> from = reachedFrom.getOrDefault(n.id(), Set.of());
            if (from.size() == 1) {
                lanes.get(from.iterator().next()).add(n.id());
            }
        }
        return new Lanes(lanes);
    }
}
