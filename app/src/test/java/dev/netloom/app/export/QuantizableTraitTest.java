package dev.netloom.app.export;

import dev.netloom.devices.PrecisionPlan;
import dev.netloom.export.ExportOptions;
import dev.netloom.export.onnx.OnnxModel;
import dev.netloom.export.onnx.OnnxWriter;
import dev.netloom.export.onnx.WeightStats;
import dev.netloom.graph.Precision;
import dev.netloom.graph.analysis.NodeReport;
import dev.netloom.graph.catalog.LayerType;
import dev.netloom.train.model.LayerCases;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code quantizable} trait a layer type declares ({@code LayerSpec.quantizable()}) is what
 * the ONNX writer does: written at INT8, a node has weights stored at that precision exactly when
 * it has weights and its type says they are quantizable; normalisation and positional tables stay
 * FP32. Quantization-aware training and static INT8 read the trait, so it must not drift.
 */
class QuantizableTraitTest {

    @Test
    void theWriterQuantizesExactlyTheWeightsTheTraitsSay() throws Exception {
        Set<LayerType> checked = new TreeSet<>(java.util.Comparator.comparing(LayerType::name));
        for (LayerCases.Case c : LayerCases.cases().toList()) {
            try (DjlReference reference = new DjlReference(c.graph(), 2, 3)) {
                OnnxModel onnx = new OnnxWriter("test").write(reference.artifact(c.name()),
                        PrecisionPlan.uniform(Precision.INT8), ExportOptions.defaults());
                Map<String, WeightStats> stats = onnx.weights().stream()
                        .collect(Collectors.toMap(WeightStats::nodeId, Function.identity()));
                for (String id : reference.analysis.order()) {
                    NodeReport r = reference.analysis.report(id).orElseThrow();
                    long quantized = stats.containsKey(id) ? stats.get(id).quantizableWeights() : 0;
                    boolean expected = r.spec().quantizable() && r.cost().parameters() > 0;
                    assertThat(quantized > 0).as("%s (%s) in %s: weights stored at INT8", id, r.spec().type(), c.name())
                            .isEqualTo(expected);
                    if (r.cost().parameters() > 0) {
                        checked.add(r.spec().layerType());
                    }
                }
            }
        }
        assertThat(checked).as("layer types with weights checked").contains(LayerType.BATCH_NORM, LayerType.LAYER_NORM,
                LayerType.EMBEDDING, LayerType.CONV2D, LayerType.MOE, LayerType.POSITIONAL_EMBEDDING);
    }
}
