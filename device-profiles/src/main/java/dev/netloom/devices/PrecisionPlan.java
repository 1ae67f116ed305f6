package dev.netloom.devices;

import dev.netloom.graph.Precision;

import java.util.Map;
import java.util.Objects;

/**
 * Which precision each layer's weights are stored at: one default and per-node exceptions.
 *
 * @param defaultPrecision the precision of every node not named in {@code perNode}
 * @param perNode exceptions by node id
 */
public record PrecisionPlan(Precision defaultPrecision, Map<String, Precision> perNode) {

    public PrecisionPlan {
        Objects.requireNonNull(defaultPrecision, "defaultPrecision");
        perNode = Map.copyOf(perNode);
    }

    /** Every layer at one precision. */
    public static PrecisionPlan uniform(Precision precision) {
        return new PrecisionPlan(precision, Map.of());
    }

    /** The precision of one node's weights. */
    public Precision precisionOf(String nodeId) {
        return perNode.getOrDefault(nodeId, defaultPrecision);
    }
}
