package dev.netloom.graph.edit;

import dev.netloom.graph.Edge;
import dev.netloom.graph.Graph;
import dev.netloom.graph.Node;
import dev.netloom.graph.PortRef;
import dev.netloom.graph.catalog.LayerCatalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Adds a copy of some nodes and the edges among them, shifted by an offset and with fresh ids:
 * paste and duplicate. Edges to nodes outside the fragment are dropped.
 *
 * @param nodes the nodes to copy
 * @param edges edges to copy; only those with both ends among {@code nodes} are kept
 * @param dx horizontal shift
 * @param dy vertical shift
 */
public record AddFragment(List<Node> nodes, List<Edge> edges, double dx, double dy) implements Edit {

    public AddFragment {
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
    }

    /** The copy of the given nodes of a graph, with the edges among them. */
    public static AddFragment copyOf(Graph graph, Set<String> nodeIds, double dx, double dy) {
        List<Node> picked = graph.nodes().stream().filter(n -> nodeIds.contains(n.id())).toList();
        return new AddFragment(picked, graph.edges(), dx, dy);
    }

    /** The id each copied node gets when the fragment is added to {@code graph}. */
    public Map<String, String> newIds(Graph graph) {
        Map<String, String> ids = new LinkedHashMap<>();
        Graph g = graph;
        for (Node n : nodes) {
            String fresh = g.freshId(n.id().replaceAll("\\d+$", ""));
            ids.put(n.id(), fresh);
            g = g.withNode(n.withId(fresh));
        }
        return ids;
    }

    @Override
    public Graph applyTo(Graph graph, LayerCatalog catalog) throws EditRefusedException {
        if (nodes.isEmpty()) {
            throw new EditRefusedException("nothing to paste");
        }
        Set<String> listed = new java.util.HashSet<>();
        for (Node n : nodes) {
            if (!listed.add(n.id())) {
                throw new EditRefusedException("the fragment holds two nodes with the id \"" + n.id() + "\"");
            }
            AddNode.checkAgainstCatalog(n, catalog);
        }
        Map<String, String> ids = newIds(graph);
        Graph g = graph;
        for (Node n : nodes) {
            g = g.withNode(n.withId(ids.get(n.id())).withPosition(n.position().plus(dx, dy)));
        }
        Set<String> inside = nodes.stream().map(Node::id).collect(Collectors.toSet());
        for (Edge e : edges) {
            if (inside.contains(e.from().nodeId()) && inside.contains(e.to().nodeId())) {
                g = g.withEdge(new Edge(new PortRef(ids.get(e.from().nodeId()), e.from().port()),
                        new PortRef(ids.get(e.to().nodeId()), e.to().port())));
            }
        }
        return g;
    }

    @Override
    public String description() {
        return nodes.size() == 1 ? "paste " + nodes.get(0).type() : "paste " + nodes.size() + " nodes";
    }
}
