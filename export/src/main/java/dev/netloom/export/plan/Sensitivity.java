package dev.netloom.export.plan;

import dev.netloom.graph.Precision;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How much accuracy each layer costs when it alone goes to a lower precision, the rest staying
 * FP32: the input of the automatic plan, and a table a person can read.
 *
 * @param split the examples it was measured on
 * @param examples how many
 * @param baseline FP32 accuracy on them (share, 0..1)
 * @param layers one row per layer with weight matrices, largest first
 */
public record Sensitivity(String split, int examples, double baseline, List<Layer> layers) {

    /**
     * One layer's row.
     *
     * @param nodeId the studio node
     * @param weights weights in its matrices
     * @param dropPoints accuracy drop in percentage points at each precision tried
     */
    public record Layer(String nodeId, long weights, Map<Precision, Double> dropPoints) {
        public double drop(Precision p) {
            return p == Precision.FP32 ? 0 : dropPoints.getOrDefault(p, Double.NaN);
        }
    }

    public Optional<Layer> layer(String nodeId) {
        return layers.stream().filter(l -> l.nodeId().equals(nodeId)).findFirst();
    }
}
