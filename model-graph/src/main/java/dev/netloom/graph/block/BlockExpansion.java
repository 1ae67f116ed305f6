package dev.netloom.graph.block;

import dev.netloom.graph.Edge;
import dev.netloom.graph.Graph;
import dev.netloom.graph.Node;
import dev.netloom.graph.PortRef;
import dev.netloom.graph.Position;
import dev.netloom.graph.catalog.LayerCatalog;
import dev.netloom.graph.catalog.LayerSpec;
import dev.netloom.graph.catalog.ParamSpec;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns a graph that uses blocks into the plain graph every other part of the studio computes
 * with. A use {@code stage3} of a block with inner node {@code dw} becomes the layer
 * {@code stage3/dw}; its second repeat {@code stage3#2/dw}, and so on; the copies are chained
 * output to input. Inner parameters written {@code "$name"} take the use's value for the block's
 * parameter {@code name}, else the definition's default, and are checked against the layer's
 * parameter rules here, so a bad value is refused naming the use and the inner node. A use
 * repeated 0 times connects what feeds it to what it feeds.
 *
 * <p>A graph without uses comes back unchanged (the same object), so projects drawn without
 * blocks are untouched. Weights are named {@code use/inner.param} by the training engine, the
 * exporter and the artifact, as for any node id.
 */
public final class BlockExpansion {

    /** The gap between the copies of a repeated block (the layout tidies them anyway). */
    private static final double COPY_GAP = 130;

    private final LayerCatalog catalog;

    public BlockExpansion(LayerCatalog catalog) {
        this.catalog = catalog;
    }

    /** Whether a graph has any block uses. */
    public static boolean hasUses(Graph graph) {
        return graph.nodes().stream().anyMatch(BlockUse::isUse);
    }

    /**
     * The plain graph.
     *
     * @throws BlockException naming the use (and the inner node) that cannot be expanded
     */
    public Graph expand(Graph drawn, BlockLibrary library) {
        return expand(drawn, library, use -> true);
    }

    /**
     * The graph with the chosen uses expanded and the others kept as uses (ungrouping one use).
     *
     * @throws BlockException naming the use (and the inner node) that cannot be expanded
     */
    public Graph expand(Graph drawn, BlockLibrary library, java.util.function.Predicate<Node> which) {
        if (drawn.nodes().stream().noneMatch(n -> BlockUse.isUse(n) && which.test(n))) {
            return drawn;
        }
        Map<String, Expanded> uses = new LinkedHashMap<>();
        List<Node> nodes = new ArrayList<>();
        List<Edge> edges = new ArrayList<>();
        for (Node n : drawn.nodes()) {
            if (!BlockUse.isUse(n) || !which.test(n)) {
                nodes.add(n);
                continue;
            }
            Expanded e = expandUse(n, library);
            uses.put(n.id(), e);
            nodes.addAll(e.nodes);
            edges.addAll(e.edges);
        }
        Set<Edge> seen = new HashSet<>(edges);
        for (Edge e : drawn.edges()) {
            Optional<PortRef> from = source(e.from(), drawn, uses, new HashSet<>());
            if (from.isEmpty()) {
                continue; // a skipped use with nothing feeding it: its consumers stay unconnected, as drawn
            }
            for (PortRef to : targets(e.to(), drawn, uses, new HashSet<>())) {
                Edge flat = new Edge(from.get(), to);
                if (seen.add(flat)) {
                    edges.add(flat);
                }
            }
        }
        try {
            return new Graph(nodes, edges);
        } catch (IllegalArgumentException ex) {
            throw new BlockException("", "the graph with its blocks expanded is not well formed: " + ex.getMessage());
        }
    }

    /** The flat output port that an output port of the drawn graph stands for, if anything feeds it. */
    private Optional<PortRef> source(PortRef out, Graph drawn, Map<String, Expanded> uses, Set<String> visiting) {
        Expanded use = uses.get(out.nodeId());
        if (use == null) {
            return Optional.of(out);
        }
        if (use.repeat == 0) {
            if (!visiting.add(out.nodeId())) {
                throw new BlockException(out.nodeId(), "use " + out.nodeId() + " is skipped (repeat 0) in a loop of "
                        + "skipped uses; nothing reaches it");
            }
            String in = use.definition.inputs().keySet().iterator().next();
            return drawn.edgeInto(new PortRef(out.nodeId(), in))
                    .flatMap(e -> source(e.from(), drawn, uses, visiting));
        }
        PortRef inner = use.definition.outputs().get(out.port());
        if (inner == null) {
            throw new BlockException(out.nodeId(), "use " + out.nodeId() + " (block " + use.definition.name()
                    + ") has no output port \"" + out.port() + "\" (it has "
                    + String.join(", ", use.definition.outputs().keySet()) + ")");
        }
        return Optional.of(new PortRef(prefix(out.nodeId(), use.repeat) + inner.nodeId(), inner.port()));
    }

    /** The flat input ports that an input port of the drawn graph stands for. */
    private List<PortRef> targets(PortRef in, Graph drawn, Map<String, Expanded> uses, Set<String> visiting) {
        Expanded use = uses.get(in.nodeId());
        if (use == null) {
            return List.of(in);
        }
        if (use.repeat == 0) {
            if (!visiting.add(in.nodeId())) {
                throw new BlockException(in.nodeId(), "use " + in.nodeId() + " is skipped (repeat 0) in a loop of "
                        + "skipped uses");
            }
            String out = use.definition.outputs().keySet().iterator().next();
            List<PortRef> all = new ArrayList<>();
            for (Edge e : drawn.edgesFrom(in.nodeId())) {
                if (e.from().port().equals(out)) {
                    all.addAll(targets(e.to(), drawn, uses, visiting));
                }
            }
            return all;
        }
        List<PortRef> inner = use.definition.inputs().get(in.port());
        if (inner == null) {
            throw new BlockException(in.nodeId(), "use " + in.nodeId() + " (block " + use.definition.name()
                    + ") has no input port \"" + in.port() + "\" (it has "
                    + String.join(", ", use.definition.inputs().keySet()) + ")");
        }
        String first = prefix(in.nodeId(), 1);
        return inner.stream().map(p -> new PortRef(first + p.nodeId(), p.port())).toList();
    }

    /** The id prefix of copy {@code k} (from 1) of a use: {@code use/}, then {@code use#2/}... */
    public static String prefix(String useId, int copy) {
        return (copy == 1 ? useId : useId + "#" + copy) + "/";
    }

    private Expanded expandUse(Node use, BlockLibrary library) {
        String name = BlockUse.blockName(use);
        BlockDefinition def = library.find(name).orElseThrow(() -> new BlockException(use.id(), "use " + use.id()
                + ": no block \"" + name + "\" in the project's blocks"
                + (library.isEmpty() ? " (it defines none)" : " (it has " + String.join(", ", library.blocks().keySet()) + ")")));
        String where = "use " + use.id() + " (block " + name + ")";
        int repeat = BlockUse.repeat(use);
        if (repeat < 0 || repeat > BlockUse.MAX_REPEAT) {
            throw new BlockException(use.id(), where + ": repeat must be from 0 to " + BlockUse.MAX_REPEAT + ", got " + repeat);
        }
        if (repeat != 1 && !def.chains()) {
            throw new BlockException(use.id(), where + ": repeat " + repeat + " needs a block with one input and one output "
                    + "to chain the copies; " + name + " has " + def.inputs().size() + (def.inputs().size() == 1 ? " input" : " inputs")
                    + " and " + def.outputs().size() + (def.outputs().size() == 1 ? " output" : " outputs"));
        }
        Map<String, Object> values = new TreeMap<>(def.params());
        for (Map.Entry<String, Object> b : BlockUse.bindings(use).entrySet()) {
            if (!def.params().containsKey(b.getKey())) {
                throw new BlockException(use.id(), where + ": the block has no parameter \"" + b.getKey() + "\" ("
                        + (def.params().isEmpty() ? "it has none" : "it has " + String.join(", ", def.params().keySet())) + ")");
            }
            values.put(b.getKey(), b.getValue());
        }
        List<Node> inner = new ArrayList<>();
        for (Node n : def.nodes()) {
            inner.add(n.withParams(substitute(n, values, use.id(), where)));
        }
        // Copies follow one another the way the block is drawn: along a row when it is wider than tall.
        double width = 0;
        double height = 0;
        for (Node n : def.nodes()) {
            width = Math.max(width, n.position().x());
            height = Math.max(height, n.position().y());
        }
        boolean across = width > height;
        Expanded out = new Expanded(def, repeat);
        for (int k = 1; k <= repeat; k++) {
            String prefix = prefix(use.id(), k);
            double dx = across ? (k - 1) * (width + COPY_GAP) : 0;
            double dy = across ? 0 : (k - 1) * (height + COPY_GAP);
            for (Node n : inner) {
                Position p = new Position(clamp(use.position().x() + n.position().x() + dx),
                        clamp(use.position().y() + n.position().y() + dy));
                out.nodes.add(new Node(prefix + n.id(), n.type(), n.params(), p, n.label()));
            }
            for (Edge e : def.edges()) {
                out.edges.add(new Edge(new PortRef(prefix + e.from().nodeId(), e.from().port()),
                        new PortRef(prefix + e.to().nodeId(), e.to().port())));
            }
            if (k > 1) {
                PortRef last = def.outputs().values().iterator().next();
                PortRef from = new PortRef(prefix(use.id(), k - 1) + last.nodeId(), last.port());
                for (PortRef to : def.inputs().values().iterator().next()) {
                    out.edges.add(new Edge(from, new PortRef(prefix + to.nodeId(), to.port())));
                }
            }
        }
        return out;
    }

    /** An inner node's parameters with block parameters put in and checked by the layer's rules. */
    private Map<String, Object> substitute(Node inner, Map<String, Object> values, String useId, String where) {
        Map<String, Object> params = new TreeMap<>();
        LayerSpec spec = catalog.find(inner.type()).orElseThrow(() -> new BlockException(useId, where + ": inner node "
                + inner.id() + ": " + catalog.unknownTypeMessage(inner.type())));
        for (Map.Entry<String, Object> p : inner.params().entrySet()) {
            Object value = p.getValue();
            Optional<String> ref = BlockDefinition.reference(value);
            if (ref.isPresent()) {
                if (!values.containsKey(ref.get())) {
                    throw new BlockException(useId, where + ": inner node " + inner.id() + ": " + p.getKey() + " refers to $"
                            + ref.get() + ", which the block does not have");
                }
                value = values.get(ref.get());
            }
            ParamSpec ps = spec.param(p.getKey()).orElseThrow(() -> new BlockException(useId, where + ": inner node "
                    + inner.id() + ": " + spec.type() + " has no parameter \"" + p.getKey() + "\""));
            try {
                params.put(p.getKey(), ps.check(value));
            } catch (IllegalArgumentException ex) {
                throw new BlockException(useId, where + ": inner node " + inner.id() + ": " + p.getKey()
                        + (ref.isPresent() ? " ($" + ref.get() + ")" : "") + ": " + ex.getMessage());
            }
        }
        return params;
    }

    private static double clamp(double v) {
        return Math.max(-Position.LIMIT, Math.min(Position.LIMIT, v));
    }

    /** One use's copies before the outer edges are joined. */
    private static final class Expanded {
        final BlockDefinition definition;
        final int repeat;
        final List<Node> nodes = new ArrayList<>();
        final List<Edge> edges = new ArrayList<>();

        Expanded(BlockDefinition definition, int repeat) {
            this.definition = definition;
            this.repeat = repeat;
        }
    }
}
