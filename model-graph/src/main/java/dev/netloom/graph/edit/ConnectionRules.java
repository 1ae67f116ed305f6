package dev.netloom.graph.edit;

import dev.netloom.graph.Direction;
import dev.netloom.graph.Edge;
import dev.netloom.graph.Graph;
import dev.netloom.graph.Node;
import dev.netloom.graph.PortRef;
import dev.netloom.graph.TensorType;
import dev.netloom.graph.analysis.GraphAnalysis;
import dev.netloom.graph.catalog.LayerCatalog;
import dev.netloom.graph.catalog.LayerSpec;
import dev.netloom.graph.catalog.PortSpec;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Whether an output may be connected to an input, and if not, why: the validator the editor
 * consults while a drag hovers a port, and that {@link Connect} applies. Reads an analysis of
 * the current graph so it knows the type an output carries.
 */
public final class ConnectionRules {

    private final GraphAnalysis analysis;
    private final LayerCatalog catalog;

    public ConnectionRules(GraphAnalysis analysis, LayerCatalog catalog) {
        this.analysis = analysis;
        this.catalog = catalog;
    }

    /** Empty when the connection is allowed; otherwise the reason, one short sentence. */
    public Optional<String> check(PortRef from, PortRef to) {
        Graph graph = analysis.graph();
        Optional<Node> source = graph.node(from.nodeId());
        Optional<Node> target = graph.node(to.nodeId());
        if (source.isEmpty() || target.isEmpty()) {
            return Optional.of("no node \"" + (source.isEmpty() ? from.nodeId() : to.nodeId()) + "\"");
        }
        if (from.nodeId().equals(to.nodeId())) {
            return Optional.of("a layer cannot feed itself");
        }
        if (graph.edges().contains(new Edge(from, to))) {
            return Optional.of("these ports are already connected");
        }
        if (reaches(graph, to.nodeId(), from.nodeId())) {
            return Optional.of("this would make a cycle; a model flows one way, from inputs to heads");
        }
        Optional<LayerSpec> sourceSpec = catalog.find(source.get().type());
        Optional<LayerSpec> targetSpec = catalog.find(target.get().type());
        if (sourceSpec.isEmpty() || targetSpec.isEmpty()) {
            return Optional.of(catalog.unknownTypeMessage(sourceSpec.isEmpty() ? source.get().type() : target.get().type()));
        }
        if (sourceSpec.get().port(from.port(), Direction.OUT).isEmpty()) {
            return Optional.of(sourceSpec.get().type() + " has no output \"" + from.port() + "\"");
        }
        Optional<PortSpec> port = targetSpec.get().port(to.port(), Direction.IN);
        if (port.isEmpty()) {
            return Optional.of(targetSpec.get().type() + " has no input \"" + to.port() + "\"");
        }
        Optional<TensorType> carried = analysis.typeAt(from);
        if (carried.isPresent() && !port.get().accepts().contains(carried.get().kind())) {
            return Optional.of(targetSpec.get().type() + " takes "
                    + String.join(" or ", port.get().accepts().stream().sorted().map(k -> k.displayName()).toList())
                    + " here; this output is " + carried.get().describe());
        }
        return Optional.empty();
    }

    /** True when a path of edges leads from {@code start} to {@code goal}. */
    private static boolean reaches(Graph graph, String start, String goal) {
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>();
        todo.add(start);
        while (!todo.isEmpty()) {
            String id = todo.poll();
            if (id.equals(goal)) {
                return true;
            }
            if (seen.add(id)) {
                graph.edgesFrom(id).forEach(e -> todo.add(e.to().nodeId()));
            }
        }
        return false;
    }
}
