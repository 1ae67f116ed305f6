package dev.netloom.app.export;

import com.fasterxml.jackson.databind.node.MissingNode;
import dev.netloom.devices.PrecisionPlan;
import dev.netloom.export.Artifact;
import dev.netloom.export.ExportOptions;
import dev.netloom.export.TrainedPrecision;
import dev.netloom.export.onnx.OnnxModel;
import dev.netloom.export.onnx.OnnxWriter;
import dev.netloom.export.verify.Parity;
import dev.netloom.graph.Precision;
import dev.netloom.graph.artifact.Tensor;
import dev.netloom.graph.project.Project;
import dev.netloom.graph.quantize.QuantizationPlan;
import dev.netloom.graph.quantize.QuantizationSection;
import dev.netloom.train.model.LayerCases;
import dev.netloom.train.quantize.WeightQuantization;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Quantization-aware training and the exporter round the same weights the same way, for every
 * layer type: the training engine's fake quantizer gives, bit for bit, the weights the exported
 * file computes with (its packing and scales decoded), in every layout; and a model trained for a
 * precision is reproduced by its export at that precision within 1e-4 on its probe.
 */
class TrainedForPrecisionExportTest {

    record Layout(String name, ExportOptions options) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Layout> layouts() {
        ExportOptions d = ExportOptions.defaults().withBlockSize(16);
        return List.of(new Layout("ONNX Runtime", d),
                new Layout("weight-only INT8, INT4 DequantizeLinear", d.withInt8(ExportOptions.Int8Mode.WEIGHT_ONLY)
                        .withInt4(ExportOptions.Int4Layout.DEQUANTIZE_LINEAR)),
                new Layout("opset 17 unpacked, blocks of 128", ExportOptions.defaults().withOpset(17)
                        .withInt4(ExportOptions.Int4Layout.DEQUANTIZE_LINEAR)));
    }

    static Stream<Arguments> casesLayoutsAndPrecisions() {
        return LayerCases.cases().flatMap(c -> layouts().stream().flatMap(l -> Stream.of(Precision.FP16, Precision.INT8,
                Precision.INT4, Precision.INT2, Precision.INT1).map(p -> Arguments.of(c, l, p))));
    }

    @ParameterizedTest(name = "{0}, {1}, {2}")
    @MethodSource("casesLayoutsAndPrecisions")
    void theFakeQuantizerRoundsEveryWeightAsTheExportDoes(LayerCases.Case c, Layout layout, Precision p) {
        try (DjlReference reference = new DjlReference(c.graph(), 2, 11)) {
            OnnxModel onnx = new OnnxWriter("test").write(reference.artifact(c.name()), PrecisionPlan.uniform(p),
                    layout.options());
            Map<String, Tensor> trained = new WeightQuantization(reference.analysis,
                    new QuantizationPlan(p, Map.of(), layout.options().weightRule())).rounded(reference.model.weights());
            Map<String, Tensor> exported = onnx.effectiveWeights();
            exported.forEach((name, t) -> assertThat(trained.get(name).floats()).as(name).containsExactly(t.floats()));
            assertThat(exported).isNotEmpty();
        }
    }

    static Stream<Arguments> casesAtLowPrecisions() {
        return LayerCases.cases().flatMap(c -> Stream.of(Precision.INT8, Precision.INT4, Precision.INT2, Precision.INT1)
                .map(p -> Arguments.of(c, p)));
    }

    @ParameterizedTest(name = "{0} trained for {1}")
    @MethodSource("casesAtLowPrecisions")
    void aModelTrainedForAPrecisionIsReproducedByItsExportAtThatPrecision(LayerCases.Case c, Precision p) {
        try (DjlReference reference = new DjlReference(c.graph(), 3, 5)) {
            QuantizationPlan plan = QuantizationPlan.uniform(p);
            reference.model.block().quantize(new WeightQuantization(reference.analysis, plan));
            float[] outputs = reference.outputs();
            Artifact plain = reference.artifact(c.name());
            Map<String, Tensor> probe = new LinkedHashMap<>(plain.probe());
            String head = plain.headIds().get(0);
            probe.put("output." + head, Tensor.of(outputs, reference.rows, outputs.length / reference.rows));
            Project project = new Project(c.name(), "", reference.analysis.graph(),
                    Map.of(QuantizationSection.KEY, QuantizationSection.write(plan)));
            Artifact artifact = new Artifact(Path.of(c.name()), project, reference.analysis, plain.weights(), probe,
                    List.of(), List.of(), MissingNode.getInstance(), MissingNode.getInstance(), MissingNode.getInstance());
            assertThat(TrainedPrecision.of(artifact)).contains(plan);
            List<String> lines = new ArrayList<>();
            Parity parity = TrainedPrecision.check(new OnnxWriter("test"), artifact, plan, ExportOptions.defaults(), 1,
                    lines::add);
            assertThat(parity.passed()).isTrue();
            assertThat(parity.maxAbsDiff()).isLessThanOrEqualTo(1e-4);
            assertThat(lines).singleElement().asString().contains("trained for " + p.displayName());
        }
    }
}
