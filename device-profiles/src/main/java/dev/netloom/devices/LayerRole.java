package dev.netloom.devices;

import dev.netloom.graph.Edge;
import dev.netloom.graph.Graph;
import dev.netloom.graph.analysis.NodeReport;

import java.util.List;
import java.util.Set;

/**
 * How a layer behaves at inference, for the estimator.
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

    private static final Set<String> FREE_TYPES = Set.of("Image", "Tokens", "Tabular", "Dropout", "Reshape", "Flatten");
    private static final Set<String> FUSING_PRODUCERS = Set.of("Conv2d", "DepthwiseConv2d", "Dense");
    private static final Set<String> FUSABLE_ACTIVATIONS = Set.of("ReLU", "ReLU6", "Sigmoid", "Tanh");

    static LayerRole of(NodeReport report, Graph graph) {
        String type = report.node().type();
        if (FREE_TYPES.contains(type)) {
            return FREE;
        }
        if (isFusedIntoProducer(report, graph)) {
            return FUSED;
        }
        return report.cost().activeMultiplyAdds() > 0 || report.cost().parameters() > 0 ? WEIGHTED : ELEMENTWISE;
    }

    private static boolean isFusedIntoProducer(NodeReport report, Graph graph) {
        String type = report.node().type();
        boolean fusable = type.equals("BatchNorm")
                || type.equals("Activation") && FUSABLE_ACTIVATIONS.contains(String.valueOf(report.params().get("function")));
        if (!fusable) {
            return false;
        }
        List<Edge> in = graph.edgesInto(report.node().id());
        if (in.size() != 1) {
            return false;
        }
        String producerId = in.get(0).from().nodeId();
        // The producer's output must feed only this node, or the unfused value is still needed.
        if (graph.edgesFrom(producerId).size() != 1) {
            return false;
        }
        String producerType = graph.node(producerId).map(n -> n.type()).orElse("");
        if (FUSING_PRODUCERS.contains(producerType)) {
            return true;
        }
        // Conv → BatchNorm → ReLU: the activation fuses into the convolution the BatchNorm was folded into.
        return type.equals("Activation") && producerType.equals("BatchNorm")
                && graph.edgesInto(producerId).size() == 1
                && graph.node(graph.edgesInto(producerId).get(0).from().nodeId())
                        .map(n -> FUSING_PRODUCERS.contains(n.type())).orElse(false)
                && graph.edgesFrom(graph.edgesInto(producerId).get(0).from().nodeId()).size() == 1;
    }
}
