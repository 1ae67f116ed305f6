package dev.netloom.graph.quantize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.netloom.graph.GraphBuilder;
import dev.netloom.graph.Precision;
import dev.netloom.graph.analysis.GraphAnalysis;
import dev.netloom.graph.analysis.GraphAnalyzer;
import dev.netloom.graph.catalog.LayerCatalog;
import dev.netloom.graph.catalog.LayerSpec;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The project's quantization section: plans for the whole model or per node, and every refusal. */
class QuantizationSectionTest {

    private static final GraphAnalysis CNN = new GraphAnalyzer(LayerCatalog.standard()).analyze(GraphBuilder.graph()
            .node("image", "Image", "channels", 1, "height", 8, "width", 8)
            .node("conv", "Conv2d", "filters", 4, "kernel", 3, "padding", 1)
            .node("bn", "BatchNorm")
            .node("act", "Activation", "function", "ReLU")
            .node("flat", "Flatten")
            .node("head", "Classification", "classes", 3)
            .chain("image", "conv", "bn", "act", "flat", "head").build());

    private static JsonNode json(String text) throws Exception {
        return new ObjectMapper().readTree(text);
    }

    private static QuantizationPlan read(String text) throws Exception {
        return QuantizationSection.read(json(text), CNN).orElseThrow();
    }

    @Test
    void onePrecisionForAllOrPerNode() throws Exception {
        assertThat(QuantizationSection.read(null, CNN)).isEmpty();
        assertThat(read("{\"precision\": \"int2\"}")).isEqualTo(QuantizationPlan.uniform(Precision.INT2));
        QuantizationPlan plan = read("{\"precision\": \"INT1\", \"nodes\": {\"head\": \"fp32\", \"conv\": \"int8\"}, "
                + "\"blockSize\": 32}");
        assertThat(plan.precisionOf("conv")).isEqualTo(Precision.INT8);
        assertThat(plan.precisionOf("head")).isEqualTo(Precision.FP32);
        assertThat(plan.precisionOf("bn")).isEqualTo(Precision.INT1); // its weights stay FP32 anyway (WeightRoles)
        assertThat(plan.rule()).isEqualTo(new WeightRule(32, true));
        assertThat(plan.describe()).isEqualTo("1-bit (conv INT8, head FP32)");
        assertThat(read("{\"nodes\": {\"conv\": \"int4\"}}").precision()).isEqualTo(Precision.FP32);
        assertThat(read("{\"precision\": \"fp32\"}").isFp32()).isTrue();
        // Written and read back, the same plan.
        assertThat(QuantizationSection.read(QuantizationSection.write(plan), CNN)).contains(plan);
    }

    @Test
    void refusalsNameThePathAndTheReason() {
        Map<String, String> cases = Map.of(
                "[1]", "quantization: must be an object",
                "{\"precison\": \"int4\"}", "quantization.precison: unknown setting; known: blockSize, nodes, precision",
                "{\"precision\": \"int3\"}", "quantization.precision: \"int3\" is not a precision; use one of fp32, fp16, "
                        + "int8, int4, int2, int1",
                "{\"precision\": 4}", "quantization.precision: must be a precision word",
                "{\"nodes\": {\"fc9\": \"int4\"}}", "quantization.nodes.fc9: the graph has no node \"fc9\"",
                "{\"nodes\": {\"act\": \"int4\"}}", "quantization.nodes.act: Activation act has no weights to train for INT4",
                "{\"nodes\": {\"bn\": \"int2\"}}", "quantization.nodes.bn: BatchNorm bn cannot be trained for 2-bit: its "
                        + "scales and statistics stay FP32",
                "{\"nodes\": [\"conv\"]}", "quantization.nodes: must be an object of node id to precision",
                "{\"precision\": \"int4\", \"blockSize\": 100}", "quantization.blockSize: must be a power of two from 16 "
                        + "to 256, got 100");
        cases.forEach((text, message) -> assertThatThrownBy(() -> read(text)).as(text)
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(message));
        // FP32 for a node without weights asks nothing impossible.
        assertThat(QuantizationSection.quantizable(CNN.report("conv").orElseThrow())).isTrue();
        assertThat(QuantizationSection.quantizable(CNN.report("bn").orElseThrow())).isFalse();
    }

    @Test
    void everyCatalogTypeHasWeightRoles() {
        for (LayerSpec spec : LayerCatalog.standard().all()) {
            assertThat(WeightRoles.covers(spec.layerType())).as(spec.type()).isTrue();
        }
        assertThat(WeightRoles.role(dev.netloom.graph.catalog.LayerType.MOE, "router.weight")).isEqualTo(WeightRole.FLOAT);
        assertThat(WeightRoles.role(dev.netloom.graph.catalog.LayerType.MOE, "expert2.up.weight")).isEqualTo(WeightRole.LINEAR);
        assertThat(WeightRoles.role(dev.netloom.graph.catalog.LayerType.CONV2D, "weight")).isEqualTo(WeightRole.MATRIX);
        assertThat(WeightRoles.role(dev.netloom.graph.catalog.LayerType.DENSE, "bias")).isEqualTo(WeightRole.FLOAT);
    }
}
