package dev.netloom.graph.analysis;

import dev.netloom.graph.Cost;
import dev.netloom.graph.Graph;
import dev.netloom.graph.PortRef;
import dev.netloom.graph.Precision;
import dev.netloom.graph.TensorType;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the analyser found about a graph: an order to run its nodes in, the shapes and
 * costs of every node it could infer, its problems, and totals.
 *
 * @param graph the graph analysed
 * @param order node ids in an order where every node comes after its inputs (nodes in a cycle are left out)
 * @param reports by node id, for the nodes whose shapes could be inferred
 * @param problems everything wrong, errors first
 * @param total the sum of every inferred node's cost
 * @param peakActivationBytes the most activation memory alive at once when the nodes run in
 *     {@code order} for one example, freeing each tensor after its last reader
 */
public record GraphAnalysis(Graph graph, List<String> order, Map<String, NodeReport> reports, List<Problem> problems,
                            Cost total, long peakActivationBytes) {

    public GraphAnalysis {
        order = List.copyOf(order);
        reports = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(reports));
        problems = List.copyOf(problems);
    }

    /** True when nothing stops training: no error-level problem. */
    public boolean isValid() {
        return problems.stream().noneMatch(p -> p.severity() == Severity.ERROR);
    }

    public Optional<NodeReport> report(String nodeId) {
        return Optional.ofNullable(reports.get(nodeId));
    }

    /** The inferred type at an output port, if known. */
    public Optional<TensorType> typeAt(PortRef output) {
        return report(output.nodeId()).map(r -> r.outputs().get(output.port()));
    }

    public List<Problem> problemsAt(String nodeId) {
        return problems.stream().filter(p -> nodeId.equals(p.nodeId())).toList();
    }

    /** Weight bytes of the whole model at a precision. */
    public long weightBytes(Precision precision) {
        return total.weightBytes(precision);
    }
}
