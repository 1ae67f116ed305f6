package dev.netloom.devices;

import dev.netloom.graph.Precision;

import java.util.Map;
import java.util.Objects;

/**
 * Which precision each layer's weights are stored at: one default plus exceptions (for example
 * INT8 everywhere but FP32 for the first convolution and the classifier).
 *
 * @param defaultPrecision the precision of layers not listed
 * @param perNode exceptions by node id
 */
public record PrecisionPlan(Precision defaultPrecision, Map<String, Precision> perNode) {

    public PrecisionPlan {
        Objects.requireNonNull(defaultPrecision, "defaultPrecision");
        perNode = Map.copyOf(perNode);
    }

    /** The same precision for every layer. */
    public static PrecisionPlan uniform(Precision precision) {
        return new PrecisionPlan(precision, Map.of());
    }

    /** The precision of one node's weights. */
    public Precision precisionOf(String nodeId) {
        return perNode.getOrDefault(nodeId, defaultPrecision);
    }
}
