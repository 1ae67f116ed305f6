package dev.netloom.graph;

import dev.netloom.graph.catalog.LayerCatalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds graphs for tests in a few readable lines:
 * {@code GraphBuilder.graph().node("in", "Tabular", "features", 16).node("fc", "Dense").edge("in.out", "fc.in").build()}.
 *
 * <p>Every node gets all of its type's parameters (the catalog defaults, overridden by the given
 * name/value pairs), as a node read from a project file has them, and is placed 200 units right
 * of the one before it.
 */
public final class GraphBuilder {

    private final List<Node> nodes = new ArrayList<>();
    private final List<Edge> edges = new ArrayList<>();

    private GraphBuilder() {
    }

    public static GraphBuilder graph() {
        return new GraphBuilder();
    }

    /** A node of a catalog type with its defaults, overridden by {@code name, value, name, value, ...}. */
    public GraphBuilder node(String id, String type, Object... paramPairs) {
        Map<String, Object> params = new LinkedHashMap<>(LayerCatalog.standard().require(type).defaults());
        for (int i = 0; i < paramPairs.length; i += 2) {
            params.put((String) paramPairs[i], paramPairs[i + 1]);
        }
        nodes.add(new Node(id, type, params, new Position(200.0 * nodes.size(), 0), ""));
        return this;
    }

    /** An edge written as in project files: {@code edge("conv1.out", "pool1.in")}. */
    public GraphBuilder edge(String from, String to) {
        edges.add(Edge.of(from, to));
        return this;
    }

    /** Joins {@code ids} in a chain, each node's {@code out} to the next one's {@code in}. */
    public GraphBuilder chain(String... ids) {
        for (int i = 0; i + 1 < ids.length; i++) {
            edge(ids[i] + ".out", ids[i + 1] + ".in");
        }
        return this;
    }

    public Graph build() {
        return new Graph(nodes, edges);
    }
}
