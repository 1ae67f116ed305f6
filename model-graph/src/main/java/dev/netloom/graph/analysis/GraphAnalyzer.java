package dev.netloom.graph.analysis;

import dev.netloom.graph.Cost;
import dev.netloom.graph.Direction;
import dev.netloom.graph.Edge;
import dev.netloom.graph.Graph;
import dev.netloom.graph.Node;
import dev.netloom.graph.PortRef;
import dev.netloom.graph.TensorKind;
import dev.netloom.graph.TensorType;
import dev.netloom.graph.catalog.Category;
import dev.netloom.graph.catalog.LayerCatalog;
import dev.netloom.graph.catalog.LayerContext;
import dev.netloom.graph.catalog.LayerSpec;
import dev.netloom.graph.catalog.LayerType;
import dev.netloom.graph.catalog.ParamSpec;
import dev.netloom.graph.catalog.PortSpec;
import dev.netloom.graph.catalog.ShapeException;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Infers every tensor's shape, checks the graph and counts its costs, in one pass. Never
 * throws for a bad graph: everything wrong becomes a {@link Problem} naming node and port,
 * and as much as can be inferred still is, so the editor can show shapes around a mistake.
 */
public final class GraphAnalyzer {

    /**
     * Layers that turn one tensor kind into another, tried in this order when a port is fed
     * the wrong kind: the first that takes what arrives and gives what the port accepts is
     * suggested.
     */
    private static final Map<TensorKind, List<LayerType>> ADAPTERS = Map.of(
            TensorKind.IMAGE, List.of(LayerType.FLATTEN, LayerType.PATCH_EMBEDDING),
            TensorKind.SEQUENCE, List.of(LayerType.GLOBAL_AVG_POOL),
            TensorKind.TOKENS, List.of(LayerType.EMBEDDING),
            TensorKind.OTHER, List.of(LayerType.FLATTEN));

    private final LayerCatalog catalog;

    public GraphAnalyzer(LayerCatalog catalog) {
        this.catalog = catalog;
    }

    public LayerCatalog catalog() {
        return catalog;
    }

    public GraphAnalysis analyze(Graph graph) {
        Map<String, Node> nodes = graph.nodesById();
        List<Problem> problems = new ArrayList<>();
        Map<String, LayerSpec> specs = new HashMap<>();
        Map<String, Map<String, Object>> params = new HashMap<>();
        for (Node node : graph.nodes()) {
            Optional<LayerSpec> spec = catalog.find(node.type());
            if (spec.isEmpty()) {
                problems.add(Problem.error(node.id(), null, catalog.unknownTypeMessage(node.type())));
                continue;
            }
            specs.put(node.id(), spec.get());
            Map<String, Object> effective = effectiveParams(node, spec.get(), problems);
            if (effective == null) {
                continue;
            }
            try {
                spec.get().checkParameters(new LayerContext(node, effective, Map.of(), Map.of()));
                params.put(node.id(), effective);
            } catch (ShapeException e) {
                problems.add(Problem.error(node.id(), e.port(), e.getMessage()));
            }
        }
        Wiring wiring = new Wiring(checkPorts(graph, specs, problems));
        List<String> order = order(graph, wiring, problems);

        Map<String, NodeReport> reports = new LinkedHashMap<>();
        for (String id : order) {
            if (specs.containsKey(id) && params.containsKey(id)) {
                infer(nodes.get(id), specs.get(id), params.get(id), wiring, reports, problems)
                        .ifPresent(r -> reports.put(id, r));
            }
        }
        checkInputsAndHeads(graph, specs, wiring, problems);

        Cost total = Cost.ZERO;
        long peak = 0;
        try {
            for (NodeReport r : reports.values()) {
                total = total.plus(r.cost());
            }
            peak = peakActivationBytes(order, wiring, reports);
        } catch (ArithmeticException e) {
            // A partial sum would mislead; report nothing rather than a wrong total.
            total = Cost.ZERO;
            peak = 0;
            problems.add(Problem.error(null, null, "the model is too large to count its costs"));
        }
        problems.sort(Comparator.comparing(Problem::severity));
        return new GraphAnalysis(graph, order, reports, problems, total, peak);
    }

    /** The good edges, indexed both ways so that analysis stays linear in the graph's size. */
    private record Wiring(List<Edge> edges, Map<PortRef, Edge> into, Map<String, List<Edge>> from,
                          Map<String, List<Edge>> to) {
        Wiring(List<Edge> edges) {
            this(edges, new HashMap<>(), new HashMap<>(), new HashMap<>());
            for (Edge e : edges) {
                into.put(e.to(), e);
                from.computeIfAbsent(e.from().nodeId(), k -> new ArrayList<>()).add(e);
                to.computeIfAbsent(e.to().nodeId(), k -> new ArrayList<>()).add(e);
            }
        }

        List<Edge> leaving(String nodeId) {
            return from.getOrDefault(nodeId, List.of());
        }

        List<Edge> entering(String nodeId) {
            return to.getOrDefault(nodeId, List.of());
        }
    }

    /** Defaults overlaid with the node's values, or null when a value is refused. */
    private static Map<String, Object> effectiveParams(Node node, LayerSpec spec, List<Problem> problems) {
        Map<String, Object> effective = new LinkedHashMap<>(spec.defaults());
        boolean ok = true;
        for (Map.Entry<String, Object> e : node.params().entrySet()) {
            Optional<ParamSpec> p = spec.param(e.getKey());
            if (p.isEmpty()) {
                problems.add(Problem.error(node.id(), null, spec.type() + " has no parameter \"" + e.getKey()
                        + "\"" + knownParams(spec)));
                ok = false;
                continue;
            }
            try {
                effective.put(e.getKey(), p.get().check(e.getValue()));
            } catch (IllegalArgumentException ex) {
                problems.add(Problem.error(node.id(), null, "parameter " + e.getKey() + " " + ex.getMessage()));
                ok = false;
            }
        }
        return ok ? effective : null;
    }

    private static String knownParams(LayerSpec spec) {
        return spec.params().isEmpty() ? " (it has none)"
                : " (it has " + String.join(", ", spec.params().stream().map(ParamSpec::name).toList()) + ")";
    }

    /** Edges whose both ports exist; a problem for each that does not. */
    private static List<Edge> checkPorts(Graph graph, Map<String, LayerSpec> specs, List<Problem> problems) {
        List<Edge> good = new ArrayList<>();
        for (Edge e : graph.edges()) {
            boolean ok = checkPort(e.from(), Direction.OUT, specs, problems)
                    & checkPort(e.to(), Direction.IN, specs, problems);
            if (e.from().nodeId().equals(e.to().nodeId())) {
                problems.add(Problem.error(e.to().nodeId(), e.to().port(), "is connected to its own output"));
                ok = false;
            }
            if (ok) {
                good.add(e);
            }
        }
        return good;
    }

    private static boolean checkPort(PortRef ref, Direction direction, Map<String, LayerSpec> specs,
                                     List<Problem> problems) {
        LayerSpec spec = specs.get(ref.nodeId());
        if (spec == null) {
            return false; // already reported as an unknown type
        }
        if (spec.port(ref.port(), direction).isPresent()) {
            return true;
        }
        List<PortSpec> ports = direction == Direction.IN ? spec.inputs() : spec.outputs();
        String kind = direction == Direction.IN ? "input" : "output";
        problems.add(Problem.error(ref.nodeId(), ref.port(), spec.type() + " has no " + kind + " port \"" + ref.port()
                + "\"" + (ports.isEmpty() ? " (it has none)"
                : " (it has " + String.join(", ", ports.stream().map(PortSpec::name).toList()) + ")")));
        return false;
    }

    /** Kahn's topological order, in the graph's node order where free; nodes in a cycle are reported. */
    private static List<String> order(Graph graph, Wiring wiring, List<Problem> problems) {
        Map<String, Integer> indegree = new LinkedHashMap<>();
        graph.nodes().forEach(n -> indegree.put(n.id(), 0));
        for (Edge e : wiring.edges()) {
            indegree.merge(e.to().nodeId(), 1, Integer::sum);
        }
        Deque<String> ready = new ArrayDeque<>();
        indegree.forEach((id, d) -> {
            if (d == 0) {
                ready.add(id);
            }
        });
        List<String> order = new ArrayList<>();
        while (!ready.isEmpty()) {
            String id = ready.poll();
            order.add(id);
            for (Edge e : wiring.leaving(id)) {
                if (indegree.merge(e.to().nodeId(), -1, Integer::sum) == 0) {
                    ready.add(e.to().nodeId());
                }
            }
        }
        if (order.size() < graph.nodes().size()) {
            Set<String> done = new HashSet<>(order);
            List<String> cycle = findCycle(graph, wiring, done);
            problems.add(Problem.error(cycle.get(0), null, "is part of a cycle: " + String.join(" -> ", cycle)
                    + "; a model must flow one way from inputs to heads"));
        }
        return order;
    }

    /** One cycle among the nodes Kahn's algorithm could not order, as a closed path. */
    private static List<String> findCycle(Graph graph, Wiring wiring, Set<String> ordered) {
        // Every left-over node has a left-over predecessor; walking predecessors must revisit one.
        String start = graph.nodes().stream().map(Node::id).filter(id -> !ordered.contains(id)).findFirst()
                .orElseThrow();
        List<String> walk = new ArrayList<>();
        String current = start;
        Set<String> visited = new HashSet<>();
        while (visited.add(current)) {
            walk.add(current);
            current = wiring.entering(current).stream().map(e -> e.from().nodeId())
                    .filter(id -> !ordered.contains(id)).findFirst().orElseThrow();
        }
        List<String> cycle = new ArrayList<>(walk.subList(walk.indexOf(current), walk.size()));
        java.util.Collections.reverse(cycle);
        cycle.add(cycle.get(0));
        return cycle;
    }

    private Optional<NodeReport> infer(Node node, LayerSpec spec, Map<String, Object> params, Wiring wiring,
                                       Map<String, NodeReport> reports, List<Problem> problems) {
        Map<String, TensorType> inputs = new LinkedHashMap<>();
        boolean complete = true;
        for (PortSpec port : spec.inputs()) {
            PortRef here = new PortRef(node.id(), port.name());
            Optional<Edge> edge = Optional.ofNullable(wiring.into().get(here));
            if (edge.isEmpty()) {
                if (port.required()) {
                    problems.add(Problem.error(node.id(), port.name(), "required input is not connected"));
                    complete = false;
                }
                continue;
            }
            NodeReport source = reports.get(edge.get().from().nodeId());
            TensorType arriving = source == null ? null : source.outputs().get(edge.get().from().port());
            if (arriving == null) {
                complete = false; // the upstream node has its own problem
                continue;
            }
            if (!port.accepts().contains(arriving.kind())) {
                problems.add(kindMismatch(edge.get(), port, arriving));
                complete = false;
                continue;
            }
            inputs.put(port.name(), arriving);
        }
        if (!complete) {
            return Optional.empty();
        }
        try {
            LayerContext ctx = new LayerContext(node, params, inputs, Map.of());
            Map<String, TensorType> outputs = spec.inferOutputs(ctx);
            Cost cost = spec.cost(new LayerContext(node, params, inputs, outputs));
            return Optional.of(new NodeReport(node, spec, params, inputs, outputs, cost));
        } catch (ShapeException e) {
            problems.add(Problem.error(node.id(), e.port(), e.getMessage()));
        } catch (ArithmeticException e) {
            problems.add(Problem.error(node.id(), null, "is too large to count its costs; use smaller sizes"));
        }
        return Optional.empty();
    }

    private Problem kindMismatch(Edge edge, PortSpec port, TensorType arriving) {
        String expected = String.join(" or ", port.accepts().stream().sorted()
                .map(TensorKind::withArticle).toList());
        String message = "expected " + expected + ", got " + arriving.describe() + " from " + edge.from();
        Optional<Fix> fix = ADAPTERS.getOrDefault(arriving.kind(), List.of()).stream()
                .map(catalog::find).flatMap(Optional::stream)
                .filter(a -> a.inputs().get(0).accepts().contains(arriving.kind())
                        && a.outputs().get(0).accepts().stream().anyMatch(port.accepts()::contains))
                .findFirst()
                .map(a -> new Fix("insert " + a.type() + " between " + edge.from().nodeId() + " and "
                        + edge.to().nodeId(), edge, a.type()));
        return new Problem(Severity.ERROR, edge.to().nodeId(), port.name(), message, fix);
    }

    private static void checkInputsAndHeads(Graph graph, Map<String, LayerSpec> specs, Wiring wiring,
                                            List<Problem> problems) {
        if (graph.nodes().isEmpty()) {
            problems.add(Problem.error(null, null, "the graph is empty; start from a template or add an input"));
            return;
        }
        List<String> heads = new ArrayList<>();
        boolean hasInput = false;
        for (Node n : graph.nodes()) {
            LayerSpec s = specs.get(n.id());
            if (s != null && s.category() == Category.HEADS) {
                heads.add(n.id());
            }
            hasInput |= s != null && s.category() == Category.INPUTS;
        }
        if (!hasInput) {
            problems.add(Problem.error(null, null, "the model has no input; add an Image, Tokens or Tabular input"));
        }
        if (heads.isEmpty()) {
            problems.add(Problem.error(null, null,
                    "the model has no head; end it with a Classification or Regression head"));
            return;
        }
        Set<String> reachesHead = new HashSet<>(heads);
        Deque<String> todo = new ArrayDeque<>(heads);
        while (!todo.isEmpty()) {
            String id = todo.poll();
            for (Edge e : wiring.entering(id)) {
                if (reachesHead.add(e.from().nodeId())) {
                    todo.add(e.from().nodeId());
                }
            }
        }
        for (Node n : graph.nodes()) {
            if (!reachesHead.contains(n.id()) && specs.containsKey(n.id())) {
                problems.add(Problem.error(n.id(), "out", "output reaches no head; connect it onward or delete the node"));
            }
        }
    }

    /** Live activation bytes at their peak, running nodes in order and freeing tensors after their last reader. */
    private static long peakActivationBytes(List<String> order, Wiring wiring, Map<String, NodeReport> reports) {
        Map<PortRef, Integer> readersLeft = new HashMap<>();
        for (Edge e : wiring.edges()) {
            readersLeft.merge(e.from(), 1, Integer::sum);
        }
        Map<PortRef, Long> live = new HashMap<>();
        long liveBytes = 0;
        long peak = 0;
        for (String id : order) {
            NodeReport r = reports.get(id);
            if (r == null) {
                continue;
            }
            long produced = r.cost().activationBytes();
            peak = Math.max(peak, Math.addExact(liveBytes, produced));
            for (Edge e : wiring.entering(id)) {
                if (live.containsKey(e.from()) && readersLeft.merge(e.from(), -1, Integer::sum) == 0) {
                    liveBytes -= live.remove(e.from());
                }
            }
            for (Map.Entry<String, TensorType> out : r.outputs().entrySet()) {
                PortRef ref = new PortRef(id, out.getKey());
                // Outputs nobody reads are the model's answers: they stay until the end.
                live.put(ref, out.getValue().bytes());
                liveBytes = Math.addExact(liveBytes, out.getValue().bytes());
            }
        }
        return peak;
    }
}
