package dev.netloom.devices;

import dev.netloom.graph.Edge;
import dev.netloom.graph.Graph;
import dev.netloom.graph.analysis.GraphAnalysis;
import dev.netloom.graph.analysis.NodeReport;
import dev.netloom.graph.catalog.LayerSpec;
import dev.netloom.graph.catalog.LayerType;

import java.util.List;
import java.util.Optional;

/**
 * How a layer behaves at inference, for the estimator: read from its type's traits
 * ({@code LayerSpec.free()}, {@code fusable(params)}, {@code LayerTraits.fusesFollowers()}).
 *
 * <p>Why fusion matters: every runtime the studio targets folds a BatchNorm into the convolution
 * before it and runs a simple activation (ReLU, ReLU6, Sigmoid, Tanh) inside the convolution's
 * loop (ONNX Runtime's Conv+BN folding and Conv+activation fusion, ncnn, LiteRT, Core ML). Charging
 * them as separate passes over memory would make MobileNetV2 look several times slower than it is.
 */
enum LayerRole {
    /** Inputs, dropout, reshape, flatten: no work at inference (a view or a no-op). */
    FREE,
    /** Folded or fused into the weighted layer before it: no work of its own. */
    FUSED,
    /** Has weights and multiply-adds: a roofline of compute and memory. */
    WEIGHTED,
    /** No multiply-adds: element-wise work, pooling, normalisation. Memory traffic plus launch cost. */
    ELEMENTWISE;

    /** The role of an analysed node, from its type's traits and its neighbours in the graph. */
    static LayerRole of(NodeReport report, GraphAnalysis analysis) {
        if (report.spec().free()) {
            return FREE;
        }
        if (isFusedIntoProducer(report, analysis)) {
            return FUSED;
        }
        return report.cost().activeMultiplyAdds() > 0 || report.cost().parameters() > 0 ? WEIGHTED : ELEMENTWISE;
    }

    private static boolean isFusedIntoProducer(NodeReport report, GraphAnalysis analysis) {
        if (!report.spec().fusable(report.params())) {
            return false;
        }
        Graph graph = analysis.graph();
        Optional<String> producer = soleProducer(graph, report.node().id());
        if (producer.isEmpty()) {
            return false;
        }
        if (takesInFollowers(analysis, producer.get())) {
            return true;
        }
        // Conv → BatchNorm → ReLU: the activation fuses into the convolution the BatchNorm was folded into.
        Optional<String> beforeProducer = soleProducer(graph, producer.get());
        return report.spec().layerType().equals(LayerType.ACTIVATION)
                && spec(analysis, producer.get()).map(s -> s.layerType().equals(LayerType.BATCH_NORM)).orElse(false)
                && beforeProducer.isPresent() && takesInFollowers(analysis, beforeProducer.get());
    }

    /**
     * The node feeding {@code nodeId}, when it is its only input and feeds nothing else (otherwise
     * the unfused value is still needed and nothing folds).
     */
    private static Optional<String> soleProducer(Graph graph, String nodeId) {
        List<Edge> in = graph.edgesInto(nodeId);
        if (in.size() != 1) {
            return Optional.empty();
        }
        String producerId = in.get(0).from().nodeId();
        return graph.edgesFrom(producerId).size() == 1 ? Optional.of(producerId) : Optional.empty();
    }

    private static boolean takesInFollowers(GraphAnalysis analysis, String nodeId) {
        return spec(analysis, nodeId).map(s -> s.traits().fusesFollowers()).orElse(false);
    }

    private static Optional<LayerSpec> spec(GraphAnalysis analysis, String nodeId) {
        return analysis.report(nodeId).map(NodeReport::spec);
    }
}
