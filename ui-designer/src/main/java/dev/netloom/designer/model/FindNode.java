package dev.netloom.designer.model;

import dev.netloom.graph.Graph;
import dev.netloom.graph.Node;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The nodes a search text names, best first: an exact id, label or type, then ones that start
 * with the text, then ones that contain it (ignoring case). Within a rank, nodes keep the graph's
 * order, so "Next" walks a chain from where data enters.
 */
public final class FindNode {

    private FindNode() {
    }

    /** The ids of the nodes matching {@code text}; empty for blank text. */
    public static List<String> matches(Graph graph, String text) {
        String q = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (q.isEmpty()) {
            return List.of();
        }
        record Hit(String id, int rank, int order) {
        }
        List<Hit> hits = new ArrayList<>();
        List<Node> nodes = graph.nodes();
        for (int i = 0; i < nodes.size(); i++) {
            Node n = nodes.get(i);
            int rank = Math.min(rank(n.id(), q), Math.min(rank(n.label(), q), rank(n.type(), q)));
            if (rank < 3) {
                hits.add(new Hit(n.id(), rank, i));
            }
        }
        hits.sort(Comparator.comparingInt(Hit::rank).thenComparingInt(Hit::order));
        return hits.stream().map(Hit::id).toList();
    }

    private static int rank(String field, String q) {
        if (field == null || field.isEmpty()) {
            return 3;
        }
        String f = field.toLowerCase(Locale.ROOT);
        return f.equals(q) ? 0 : f.startsWith(q) ? 1 : f.contains(q) ? 2 : 3;
    }
}
