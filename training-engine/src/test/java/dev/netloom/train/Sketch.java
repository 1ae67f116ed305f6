package dev.netloom.train;

import dev.netloom.graph.Edge;
import dev.netloom.graph.Graph;
import dev.netloom.graph.Node;
import dev.netloom.graph.PortRef;
import dev.netloom.graph.Position;
import dev.netloom.graph.analysis.GraphAnalysis;
import dev.netloom.graph.analysis.GraphAnalyzer;
import dev.netloom.graph.catalog.LayerCatalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A small graph drawn in a test: nodes with parameters, chains and named-port edges. */
final class Sketch {

    private final List<Node> nodes = new ArrayList<>();
    private final List<Edge> edges = new ArrayList<>();

    static Sketch graph() {
        return new Sketch();
    }

    /** A node; {@code params} alternate names and values. */
    Sketch node(String id, String type, Object... params) {
        Map<String, Object> p = new LinkedHashMap<>();
        for (int i = 0; i < params.length; i += 2) {
            p.put((String) params[i], params[i + 1]);
        }
        nodes.add(new Node(id, type, p, new Position(nodes.size() * 100, 0), ""));
        return this;
    }

    /** Edges out -> in along the ids. */
    Sketch chain(String... ids) {
        for (int i = 1; i < ids.length; i++) {
            edge(ids[i - 1] + ".out", ids[i] + ".in");
        }
        return this;
    }

    Sketch edge(String from, String to) {
        edges.add(new Edge(PortRef.parse(from), PortRef.parse(to)));
        return this;
    }

    Graph build() {
        return new Graph(nodes, edges);
    }

    /** The analysis, which must be valid. */
    GraphAnalysis analyze() {
        GraphAnalysis a = new GraphAnalyzer(LayerCatalog.standard()).analyze(build());
        if (!a.isValid()) {
            throw new IllegalStateException("test graph is invalid: " + a.problems());
        }
        return a;
    }
}
