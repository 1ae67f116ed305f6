package dev.netloom.graph.block;

import dev.netloom.graph.Edge;
import dev.netloom.graph.Graph;
import dev.netloom.graph.Node;
import dev.netloom.graph.PortRef;
import dev.netloom.graph.Position;
import dev.netloom.graph.catalog.Category;
import dev.netloom.graph.catalog.LayerCatalog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Grouping layers into a block and ungrouping a use back into layers, as pure functions of the
 * graph: what the designer's Group (Ctrl+G) and Ungroup will apply as one undoable step. Grouping
 * then expanding gives back the same layers (named {@code use/inner}), so costs do not change.
 */
public final class BlockGrouping {

    /**
     * The graph with the selection replaced by one use of a new block, and that block.
     *
     * @param graph the graph with the use where the selection was
     * @param definition the new block, to add to the project's blocks
     */
    public record Grouped(Graph graph, BlockDefinition definition) {
    }

    private final LayerCatalog catalog;

    public BlockGrouping(LayerCatalog catalog) {
        this.catalog = catalog;
    }

    /**
     * Groups the selected layers. Each outside output that feeds the selection becomes an input of
     * the block ({@code in}, {@code in2}, ...), each selected output read outside becomes an output
     * ({@code out}, {@code out2}, ...). The block has no parameters; inner values stay as drawn.
     *
     * @throws IllegalArgumentException in the user's words: an empty selection, an input, a head or a use in it
     */
    public Grouped group(Graph graph, Set<String> selection, String block, String useId) {
        if (selection.isEmpty()) {
            throw new IllegalArgumentException("select the layers to group into a block");
        }
        if (!BlockDefinition.isValidName(block)) {
            throw new IllegalArgumentException("\"" + block + "\" cannot name a block: a letter, then letters, digits, '_' or '-'");
        }
        if (!Node.isDrawnId(useId) || graph.hasNode(useId) && !selection.contains(useId)) {
            throw new IllegalArgumentException("\"" + useId + "\" cannot name the block's use: it is taken or not an id");
        }
        List<Node> inner = new ArrayList<>();
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        for (Node n : graph.nodes()) {
            if (!selection.contains(n.id())) {
                continue;
            }
            if (BlockUse.isUse(n)) {
                throw new IllegalArgumentException(n.id() + " is a block already; ungroup it first");
            }
            Category c = catalog.require(n.type()).category();
            if (c == Category.INPUTS || c == Category.HEADS) {
                throw new IllegalArgumentException(n.id() + " is " + (c == Category.INPUTS ? "an input" : "a head")
                        + ", which stays in the graph: the data decides its size");
            }
            inner.add(n);
            minX = Math.min(minX, n.position().x());
            minY = Math.min(minY, n.position().y());
        }
        if (inner.size() != selection.size()) {
            throw new IllegalArgumentException("the selection names layers the graph does not have");
        }
        List<Node> defNodes = new ArrayList<>();
        for (Node n : inner) {
            defNodes.add(n.withPosition(new Position(n.position().x() - minX, n.position().y() - minY)));
        }
        List<Edge> defEdges = new ArrayList<>();
        Map<PortRef, String> inputOf = new LinkedHashMap<>();
        Map<String, List<PortRef>> inputs = new LinkedHashMap<>();
        Map<PortRef, String> outputOf = new LinkedHashMap<>();
        Map<String, PortRef> outputs = new LinkedHashMap<>();
        List<Edge> outer = new ArrayList<>();
        Map<PortRef, List<PortRef>> readers = new HashMap<>();
        for (Edge e : graph.edges()) {
            boolean from = selection.contains(e.from().nodeId());
            boolean to = selection.contains(e.to().nodeId());
            if (from && to) {
                defEdges.add(e);
            } else if (to) {
                String port = inputOf.computeIfAbsent(e.from(), p -> name("in", inputOf.size()));
                inputs.computeIfAbsent(port, k -> new ArrayList<>()).add(e.to());
            } else if (from) {
                String port = outputOf.computeIfAbsent(e.from(), p -> name("out", outputOf.size()));
                outputs.put(port, e.from());
                readers.computeIfAbsent(e.from(), k -> new ArrayList<>()).add(e.to());
            } else {
                outer.add(e);
            }
        }
        if (inputs.isEmpty() || outputs.isEmpty()) {
            throw new IllegalArgumentException("a block needs something feeding it and something reading it: connect "
                    + "the selection first");
        }
        BlockDefinition def = new BlockDefinition(block, "", Map.of(), inputs, outputs, defNodes, defEdges);
        List<Node> nodes = new ArrayList<>();
        boolean placed = false;
        for (Node n : graph.nodes()) {
            if (!selection.contains(n.id())) {
                nodes.add(n);
            } else if (!placed) {
                nodes.add(new Node(useId, BlockUse.TYPE, Map.of(BlockUse.BLOCK, block), new Position(minX, minY), ""));
                placed = true;
            }
        }
        inputOf.forEach((source, port) -> outer.add(new Edge(source, new PortRef(useId, port))));
        outputOf.forEach((inside, port) -> readers.get(inside).forEach(r -> outer.add(new Edge(new PortRef(useId, port), r))));
        return new Grouped(new Graph(nodes, outer), def);
    }

    /**
     * The graph with one use replaced by its layers, named {@code use_inner} (a second copy
     * {@code use_2_inner}), made unique where a name is taken.
     */
    public Graph ungroup(Graph graph, BlockLibrary library, String useId) {
        Node use = graph.requireNode(useId);
        if (!BlockUse.isUse(use)) {
            throw new IllegalArgumentException(useId + " is not a block");
        }
        Graph expanded = new BlockExpansion(catalog).expand(graph, library, n -> n.id().equals(useId));
        Map<String, String> rename = new HashMap<>();
        Graph taken = graph;
        for (Node n : expanded.nodes()) {
            if (!graph.hasNode(n.id()) && !Node.isDrawnId(n.id())) {
                String fresh = taken.freshId(n.id().replace("#", "_").replace("/", "_"));
                rename.put(n.id(), fresh);
                taken = taken.withNode(new Node(fresh, n.type(), n.params(), n.position(), n.label()));
            }
        }
        List<Node> nodes = expanded.nodes().stream().map(n -> rename.containsKey(n.id()) ? n.withId(rename.get(n.id())) : n)
                .toList();
        List<Edge> edges = expanded.edges().stream().map(e -> new Edge(renamed(e.from(), rename), renamed(e.to(), rename)))
                .toList();
        return new Graph(nodes, edges);
    }

    private static PortRef renamed(PortRef p, Map<String, String> rename) {
        String id = rename.get(p.nodeId());
        return id == null ? p : new PortRef(id, p.port());
    }

    private static String name(String base, int index) {
        return index == 0 ? base : base + (index + 1);
    }
}
