package dev.netloom.graph.diff;

import dev.netloom.graph.Edge;
import dev.netloom.graph.Graph;
import dev.netloom.graph.Node;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What changed between two graphs, matched by node id: nodes added, removed, and changed (type,
 * label or any parameter, with both values), and connections added or removed. Where a card sits
 * is drawing, not model, and is not a difference.
 *
 * @param added nodes only in the second graph
 * @param removed nodes only in the first graph
 * @param changed nodes in both whose type, label or parameters differ
 * @param edgesAdded connections only in the second graph
 * @param edgesRemoved connections only in the first graph
 */
public record GraphDiff(List<Node> added, List<Node> removed, List<NodeChange> changed,
                        List<Edge> edgesAdded, List<Edge> edgesRemoved) {

    public GraphDiff {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        changed = List.copyOf(changed);
        edgesAdded = List.copyOf(edgesAdded);
        edgesRemoved = List.copyOf(edgesRemoved);
    }

    /**
     * One node present in both graphs, changed.
     *
     * @param id the node
     * @param type its type in the second graph
     * @param values what differs: {@code type}, {@code label} or a parameter's name
     */
    public record NodeChange(String id, String type, List<ValueChange> values) {

        public NodeChange {
            values = List.copyOf(values);
        }
    }

    /** The differences from {@code first} to {@code second}. */
    public static GraphDiff of(Graph first, Graph second) {
        Map<String, Node> a = first.nodesById();
        Map<String, Node> b = second.nodesById();
        List<Node> added = second.nodes().stream().filter(n -> !a.containsKey(n.id())).toList();
        List<Node> removed = first.nodes().stream().filter(n -> !b.containsKey(n.id())).toList();
        List<NodeChange> changed = new ArrayList<>();
        for (Node before : first.nodes()) {
            Node after = b.get(before.id());
            if (after == null) {
                continue;
            }
            List<ValueChange> values = new ArrayList<>();
            if (!before.type().equals(after.type())) {
                values.add(new ValueChange("type", before.type(), after.type()));
            }
            if (!Objects.equals(before.label(), after.label())) {
                values.add(new ValueChange("label", before.label(), after.label()));
            }
            Set<String> names = new TreeSet<>(before.params().keySet());
            names.addAll(after.params().keySet());
            for (String name : names) {
                String x = text(before.params().get(name));
                String y = text(after.params().get(name));
                if (!x.equals(y)) {
                    values.add(new ValueChange(name, x, y));
                }
            }
            if (!values.isEmpty()) {
                changed.add(new NodeChange(before.id(), after.type(), values));
            }
        }
        Set<Edge> ea = new LinkedHashSet<>(first.edges());
        Set<Edge> eb = new LinkedHashSet<>(second.edges());
        List<Edge> edgesAdded = eb.stream().filter(e -> !ea.contains(e)).toList();
        List<Edge> edgesRemoved = ea.stream().filter(e -> !eb.contains(e)).toList();
        return new GraphDiff(added, removed, changed, edgesAdded, edgesRemoved);
    }

    /** A parameter's value as text; whole numbers stored as 64.0 and 64 are the same value. */
    private static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && !Double.isInfinite(n.doubleValue())
                && Math.abs(n.doubleValue()) < 1e15) {
            return Long.toString(n.longValue());
        }
        return String.valueOf(value);
    }

    /** Whether the two graphs are the same model. */
    public boolean isEmpty() {
        return added.isEmpty() && removed.isEmpty() && changed.isEmpty() && edgesAdded.isEmpty() && edgesRemoved.isEmpty();
    }

    /** "1 node added, 2 changed, 1 connection removed", or "no differences". */
    public String summary() {
        List<String> parts = new ArrayList<>();
        count(parts, added.size(), "node", "added");
        count(parts, removed.size(), "node", "removed");
        count(parts, changed.size(), "node", "changed");
        count(parts, edgesAdded.size(), "connection", "added");
        count(parts, edgesRemoved.size(), "connection", "removed");
        return parts.isEmpty() ? "no differences" : String.join(", ", parts);
    }

    private static void count(List<String> parts, int n, String what, String how) {
        if (n > 0) {
            parts.add(n + " " + what + (n == 1 ? "" : "s") + " " + how);
        }
    }

    /**
     * One line per difference: {@code + id (Type)}, {@code - id (Type)},
     * {@code ~ id (Type): rate 0.1 → 0.3}, {@code + a.out -> b.in}, {@code - a.out -> b.in}.
     */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        added.forEach(n -> out.add("+ " + n.id() + " (" + n.type() + ")" + params(n)));
        removed.forEach(n -> out.add("- " + n.id() + " (" + n.type() + ")"));
        for (NodeChange c : changed) {
            out.add("~ " + c.id() + " (" + c.type() + "): "
                    + String.join(", ", c.values().stream().map(ValueChange::toString).toList()));
        }
        edgesAdded.forEach(e -> out.add("+ " + e));
        edgesRemoved.forEach(e -> out.add("- " + e));
        return out;
    }

    private static String params(Node n) {
        if (n.params().isEmpty()) {
            return "";
        }
        List<String> p = new ArrayList<>();
        new TreeSet<>(n.params().keySet()).forEach(k -> p.add(k + "=" + text(n.params().get(k))));
        return ": " + String.join(", ", p);
    }
}
