package dev.netloom.train.quantize;

import dev.netloom.graph.Precision;
import dev.netloom.graph.analysis.GraphAnalysis;
import dev.netloom.graph.analysis.NodeReport;
import dev.netloom.graph.quantize.QuantizationPlan;
import dev.netloom.graph.quantize.WeightRole;
import dev.netloom.graph.quantize.WeightRoles;

import java.util.Map;
import java.util.Optional;

/**
 * A {@link QuantizationPlan} applied to one graph: which of its weights a forward pass rounds,
 * and how. Weights the exporter keeps in FP32 at every precision (biases, norms, positions, MoE
 * routers; {@link WeightRoles}) are left alone, as the exported file leaves them.
 */
public final class WeightQuantization {

    private final GraphAnalysis analysis;
    private final QuantizationPlan plan;

    public WeightQuantization(GraphAnalysis analysis, QuantizationPlan plan) {
        this.analysis = analysis;
        this.plan = plan;
    }

    public QuantizationPlan plan() {
        return plan;
    }

    /** The fake quantizer of a node's weight {@code local}, or empty when it stays as it is. */
    public Optional<FakeQuantizer> forWeight(String nodeId, String local) {
        Precision p = plan.precisionOf(nodeId);
        if (p == Precision.FP32) {
            return Optional.empty();
        }
        NodeReport r = analysis.report(nodeId).orElseThrow(() -> new IllegalArgumentException("no node " + nodeId));
        WeightRole role = WeightRoles.role(r.spec().layerType(), local);
        return role == WeightRole.FLOAT ? Optional.empty() : Optional.of(new FakeQuantizer(p, role, plan.rule()));
    }

    /**
     * The weights as a model trained for this plan computes with them: every rounded tensor
     * replaced by its rounded values (for checks and for comparing with an export).
     */
    public Map<String, dev.netloom.graph.artifact.Tensor> rounded(Map<String, dev.netloom.graph.artifact.Tensor> weights) {
        Map<String, dev.netloom.graph.artifact.Tensor> out = new java.util.LinkedHashMap<>();
        weights.forEach((name, t) -> {
            int dot = name.indexOf('.');
            Optional<FakeQuantizer> q = forWeight(name.substring(0, dot), name.substring(dot + 1));
            out.put(name, q.isEmpty() ? t : dev.netloom.graph.artifact.Tensor.of(q.get().rounded(t.floats(), t.shape()),
                    t.shape()));
        });
        return out;
    }
}
