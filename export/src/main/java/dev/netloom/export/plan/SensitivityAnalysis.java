package dev.netloom.export.plan;

import dev.netloom.devices.PrecisionPlan;
import dev.netloom.export.onnx.WeightStats;
import dev.netloom.graph.Precision;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Measures {@link Sensitivity}: for each layer with weight matrices and each lower precision, the
 * accuracy drop when only that layer is lowered. Costs one evaluation per layer and precision.
 */
public final class SensitivityAnalysis {

    private SensitivityAnalysis() {
    }

    public static Sensitivity run(PlanEvaluator evaluator, List<Precision> precisions) {
        PrecisionPlan fp32 = PrecisionPlan.uniform(Precision.FP32);
        double baseline = evaluator.accuracy(fp32);
        List<WeightStats> layers = new ArrayList<>(evaluator.write(fp32).weights().stream()
                .filter(w -> w.quantizableWeights() > 0).toList());
        layers.sort(Comparator.comparingLong(WeightStats::quantizableWeights).reversed());
        List<Sensitivity.Layer> rows = new ArrayList<>();
        for (WeightStats layer : layers) {
            Map<Precision, Double> drops = new LinkedHashMap<>();
            for (Precision p : precisions) {
                if (p == Precision.FP32) {
                    continue;
                }
                double accuracy = evaluator.accuracy(new PrecisionPlan(Precision.FP32, Map.of(layer.nodeId(), p)));
                drops.put(p, (baseline - accuracy) * 100);
            }
            rows.add(new Sensitivity.Layer(layer.nodeId(), layer.quantizableWeights(), drops));
        }
        return new Sensitivity(evaluator.examples().split(), evaluator.examples().size(), baseline, rows);
    }
}
