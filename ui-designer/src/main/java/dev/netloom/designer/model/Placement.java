package dev.netloom.designer.model;

import dev.netloom.graph.Edge;
import dev.netloom.graph.Graph;
import dev.netloom.graph.Node;
import dev.netloom.graph.Position;
import dev.netloom.graph.catalog.LayerCatalog;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where a new card goes so that it covers no other: a dropped or added layer, a paste, a layer a
 * fix inserts on a connection. Pure arithmetic on card rectangles ({@link CardGeometry}); the
 * designer turns the answer into the same edit that adds the card, so one undo takes both back.
 */
public final class Placement {

    /** Space kept around a card, in canvas units: room for an edge and its label. */
    public static final double MARGIN = 24;
    /** Positions are tried on a grid this fine. */
    private static final double STEP = 24;
    /** Gap between a card and the next one along the flow when a fix opens room. */
    private static final double FLOW_GAP = 64;

    private final LayerCatalog catalog;

    public Placement(LayerCatalog catalog) {
        this.catalog = catalog;
    }

    /** A card's rectangle: x, y, width, height. */
    public record Box(double x, double y, double w, double h) {

        boolean overlaps(Box o, double margin) {
            return x < o.x + o.w + margin && o.x < x + w + margin && y < o.y + o.h + margin && o.y < y + h + margin;
        }
    }

    /** The rectangle a node's card covers. */
    public Box box(Node node) {
        return box(node.type(), node.position());
    }

    private Box box(String type, Position at) {
        double h = catalog.find(type).map(CardGeometry::height).orElse(100.0);
        return new Box(at.x(), at.y(), CardGeometry.WIDTH, h);
    }

    /** Whether a card of {@code type} at {@code at} would cover (or touch within the margin) a card of {@code graph}. */
    public boolean isFree(Graph graph, String type, Position at, Set<String> ignoring) {
        Box b = box(type, at);
        for (Node n : graph.nodes()) {
            if (!ignoring.contains(n.id()) && box(n).overlaps(b, MARGIN)) {
                return false;
            }
        }
        return true;
    }

    /** The free position nearest to {@code wanted} for a card of {@code type} (on a 24-unit grid around it). */
    public Position freeSpot(Graph graph, String type, Position wanted) {
        return freeSpot(graph, type, wanted, Set.of());
    }

    private Position freeSpot(Graph graph, String type, Position wanted, Set<String> ignoring) {
        if (isFree(graph, type, wanted, ignoring)) {
            return wanted;
        }
        for (int ring = 1; ring < 200; ring++) {
            Position best = null;
            double bestDistance = Double.MAX_VALUE;
            for (int i = -ring; i <= ring; i++) {
                for (int j = -ring; j <= ring; j++) {
                    if (Math.max(Math.abs(i), Math.abs(j)) != ring) {
                        continue;
                    }
                    Position p = new Position(wanted.x() + i * STEP, wanted.y() + j * STEP);
                    double d = Math.hypot(i, j);
                    if (d < bestDistance && isFree(graph, type, p, ignoring)) {
                        best = p;
                        bestDistance = d;
                    }
                }
            }
            if (best != null) {
                return best;
            }
        }
        return wanted; // a canvas full for 4,800 units around: give up on tidiness rather than fail
    }

    /**
     * How far to shift pasted nodes (at least {@code dx, dy}, then further along the diagonal) so
     * that none of them covers a card already in the graph.
     */
    public double[] freeOffset(Graph graph, Collection<Node> pasted, double dx, double dy) {
        for (int k = 0; k < 400; k++) {
            double ox = dx + k * STEP;
            double oy = dy + k * STEP;
            boolean free = true;
            for (Node n : pasted) {
                if (!isFree(graph, n.type(), n.position().plus(ox, oy), Set.of())) {
                    free = false;
                    break;
                }
            }
            if (free) {
                return new double[] {ox, oy};
            }
        }
        return new double[] {dx, dy};
    }

    /**
     * Positions for a layer just inserted on the connection {@code from → to}: the new card goes
     * one step after {@code from} along the flow and, where it would cover {@code to}, {@code to}
     * and everything downstream of it move on by the room needed, so a chain stays a chain. If
     * moving them would make cards overlap elsewhere, the new card instead takes the nearest free
     * spot and nothing else moves.
     *
     * @param graph the graph with the new node already in it (at any position)
     * @return the positions to apply: the new node's, and those of the nodes that move
     */
    public Map<String, Position> insertBetween(Graph graph, String from, String inserted, String to, Flow flow) {
        Node a = graph.requireNode(from);
        Node b = graph.requireNode(to);
        Node n = graph.requireNode(inserted);
        Box ab = box(a);
        Box nb = box(n);
        Position at = flow.vertical()
                ? new Position(b.position().x() == a.position().x() ? a.position().x()
                        : Math.round((a.position().x() + b.position().x()) / 2), ab.y() + ab.h() + FLOW_GAP)
                : new Position(ab.x() + ab.w() + FLOW_GAP, Math.round((a.position().y() + b.position().y()) / 2));
        double push = flow.vertical()
                ? at.y() + nb.h() + FLOW_GAP - b.position().y()
                : at.x() + nb.w() + FLOW_GAP - b.position().x();
        Map<String, Position> moves = new HashMap<>();
        moves.put(inserted, at);
        if (push > 0) {
            for (String id : downstream(graph, to)) {
                if (id.equals(inserted) || id.equals(from)) {
                    continue; // a cycle through the new card: leave it to the fallback
                }
                Position p = graph.requireNode(id).position();
                moves.put(id, flow.vertical() ? p.plus(0, push) : p.plus(push, 0));
            }
        }
        if (noOverlaps(graph, moves)) {
            return moves;
        }
        Position mid = new Position(Math.round((a.position().x() + b.position().x()) / 2),
                Math.round((a.position().y() + b.position().y()) / 2));
        return Map.of(inserted, freeSpot(graph, n.type(), mid, Set.of(inserted)));
    }

    /** Whether, after the moves, no two cards of the graph cover each other. */
    public boolean noOverlaps(Graph graph, Map<String, Position> moves) {
        List<Node> nodes = graph.nodes();
        Map<String, Box> boxes = new HashMap<>();
        for (Node n : nodes) {
            boxes.put(n.id(), box(n.type(), moves.getOrDefault(n.id(), n.position())));
        }
        for (int i = 0; i < nodes.size(); i++) {
            for (int j = i + 1; j < nodes.size(); j++) {
                String p = nodes.get(i).id();
                String q = nodes.get(j).id();
                if ((moves.containsKey(p) || moves.containsKey(q)) && boxes.get(p).overlaps(boxes.get(q), 0)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The node and every node reachable from it along edges. */
    private static Set<String> downstream(Graph graph, String start) {
        Map<String, Set<String>> next = new HashMap<>();
        for (Edge e : graph.edges()) {
            next.computeIfAbsent(e.from().nodeId(), k -> new LinkedHashSet<>()).add(e.to().nodeId());
        }
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(start));
        while (!todo.isEmpty()) {
            String id = todo.pop();
            if (seen.add(id)) {
                todo.addAll(next.getOrDefault(id, Set.of()));
            }
        }
        return seen;
    }
}
