package dev.netloom.graph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A model as a person draws it: layers ({@link Node}s) joined by {@link Edge}s from output
 * ports to input ports.
 *
 * <p>Its life: a graph is <b>drawn</b> (built in the editor, loaded from a project file, or made
 * from a template; every change is an {@code Edit} applied through a {@code GraphDocument}, which
 * keeps undo and redo); it is <b>analysed</b> ({@code GraphAnalyzer} infers every tensor's shape,
 * finds problems and computes costs); a valid graph is <b>trained</b> by the training engine,
 * which names every weight {@code nodeId.param}; and the trained graph is <b>exported</b> to
 * ONNX, reading the same layer catalog.
 *
 * <p>A {@code Graph} is an immutable value. Its constructor checks only structure that needs no
 * layer catalog: ids are unique, edges join nodes that exist, an input port takes at most one
 * edge. Whether ports exist and shapes fit is the analyser's job, so that a half-drawn graph
 * can still be held, saved and shown with its problems.
 */
public record Graph(List<Node> nodes, List<Edge> edges) {

    public static final Graph EMPTY = new Graph(List.of(), List.of());

    public Graph {
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
        Set<String> ids = new HashSet<>();
        for (Node n : nodes) {
            if (!ids.add(n.id())) {
                throw new IllegalArgumentException("two nodes have the id \"" + n.id() + "\"");
            }
        }
        Set<PortRef> targets = new HashSet<>();
        Set<Edge> seen = new HashSet<>();
        for (Edge e : edges) {
            if (!ids.contains(e.from().nodeId())) {
                throw new IllegalArgumentException("edge " + e + " starts at a node that does not exist: \""
                        + e.from().nodeId() + "\"");
            }
            if (!ids.contains(e.to().nodeId())) {
                throw new IllegalArgumentException("edge " + e + " ends at a node that does not exist: \""
                        + e.to().nodeId() + "\"");
            }
            if (!seen.add(e)) {
                throw new IllegalArgumentException("edge " + e + " appears twice");
            }
            if (!targets.add(e.to())) {
                throw new IllegalArgumentException("input " + e.to() + " has more than one incoming edge");
            }
        }
    }

    public Optional<Node> node(String id) {
        for (Node n : nodes) {
            if (n.id().equals(id)) {
                return Optional.of(n);
            }
        }
        return Optional.empty();
    }

    /** The node with this id; throws {@link IllegalArgumentException} when there is none. */
    public Node requireNode(String id) {
        return node(id).orElseThrow(() -> new IllegalArgumentException("no node \"" + id + "\""));
    }

    public boolean hasNode(String id) {
        return node(id).isPresent();
    }

    /** Nodes by id, in the graph's order. */
    public Map<String, Node> nodesById() {
        Map<String, Node> byId = new LinkedHashMap<>();
        nodes.forEach(n -> byId.put(n.id(), n));
        return Collections.unmodifiableMap(byId);
    }

    /** The edge that feeds this input port, if any. */
    public Optional<Edge> edgeInto(PortRef input) {
        return edges.stream().filter(e -> e.to().equals(input)).findFirst();
    }

    /** Edges that leave the given node. */
    public List<Edge> edgesFrom(String nodeId) {
        return edges.stream().filter(e -> e.from().nodeId().equals(nodeId)).toList();
    }

    /** Edges that enter the given node. */
    public List<Edge> edgesInto(String nodeId) {
        return edges.stream().filter(e -> e.to().nodeId().equals(nodeId)).toList();
    }

    /** A fresh id built from {@code base}: {@code base}, else {@code base2}, {@code base3}, ... */
    public String freshId(String base) {
        String stem = Node.isValidId(base) ? base : "node";
        if (!hasNode(stem)) {
            return stem;
        }
        for (int i = 2; ; i++) {
            // Shorten the stem when needed so that the id keeps within the 64 characters an id may have.
            String suffix = String.valueOf(i);
            String candidate = stem.substring(0, Math.min(stem.length(), 64 - suffix.length())) + suffix;
            if (!hasNode(candidate)) {
                return candidate;
            }
        }
    }

    public Graph withNode(Node node) {
        List<Node> copy = new ArrayList<>(nodes);
        copy.add(node);
        return new Graph(copy, edges);
    }

    /** Replaces the node that has the same id. */
    public Graph withReplacedNode(Node node) {
        requireNode(node.id());
        return new Graph(nodes.stream().map(n -> n.id().equals(node.id()) ? node : n).toList(), edges);
    }

    /** Removes a node and every edge that touches it. */
    public Graph withoutNode(String id) {
        requireNode(id);
        return new Graph(
                nodes.stream().filter(n -> !n.id().equals(id)).toList(),
                edges.stream().filter(e -> !e.from().nodeId().equals(id) && !e.to().nodeId().equals(id)).toList());
    }

    public Graph withEdge(Edge edge) {
        List<Edge> copy = new ArrayList<>(edges);
        copy.add(edge);
        return new Graph(nodes, copy);
    }

    public Graph withoutEdge(Edge edge) {
        if (!edges.contains(edge)) {
            throw new IllegalArgumentException("no edge " + edge);
        }
        return new Graph(nodes, edges.stream().filter(e -> !e.equals(edge)).toList());
    }
}
