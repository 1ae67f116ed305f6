package dev.netloom.graph.quantize;

import dev.netloom.graph.Precision;

import java.util.Map;
import java.util.Objects;

/**
 * The precision a model is trained for (quantization-aware training): one precision for every
 * layer with weights, exceptions per node, and the rule that rounds them. Read from the project
 * file's {@code quantization} section ({@link QuantizationSection}); recorded in the model
 * artifact's project, so loading the artifact and exporting it use the same weights.
 *
 * @param precision the precision of every node not listed
 * @param perNode exceptions by node id
 * @param rule how weights are cut into blocks and rounded (the exporter's rule)
 */
public record QuantizationPlan(Precision precision, Map<String, Precision> perNode, WeightRule rule) {

    public QuantizationPlan {
        Objects.requireNonNull(precision, "precision");
        Objects.requireNonNull(rule, "rule");
        perNode = Map.copyOf(perNode);
    }

    /** The same precision everywhere, with the exporter's default rule. */
    public static QuantizationPlan uniform(Precision precision) {
        return new QuantizationPlan(precision, Map.of(), WeightRule.defaults());
    }

    /** The precision of one node's weights. */
    public Precision precisionOf(String nodeId) {
        return perNode.getOrDefault(nodeId, precision);
    }

    /** Whether every node stays FP32 (the plan changes nothing). */
    public boolean isFp32() {
        return precision == Precision.FP32 && perNode.values().stream().allMatch(p -> p == Precision.FP32);
    }

    /** The plan in words for progress lines: {@code INT4}, or {@code INT4 (conv1 INT8, head FP32)}. */
    public String describe() {
        if (perNode.isEmpty()) {
            return precision.displayName();
        }
        StringBuilder s = new StringBuilder(precision.displayName()).append(" (");
        new java.util.TreeMap<>(perNode).forEach((id, p) -> s.append(id).append(' ').append(p.displayName()).append(", "));
        return s.substring(0, s.length() - 2) + ")";
    }
}
