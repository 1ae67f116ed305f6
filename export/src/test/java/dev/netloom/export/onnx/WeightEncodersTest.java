package dev.netloom.export.onnx;

import com.fasterxml.jackson.databind.node.MissingNode;
import dev.netloom.devices.PrecisionPlan;
import dev.netloom.export.Artifact;
import dev.netloom.export.ExportOptions;
import dev.netloom.export.verify.OnnxSession;
import dev.netloom.graph.Edge;
import dev.netloom.graph.Graph;
import dev.netloom.graph.Node;
import dev.netloom.graph.PortRef;
import dev.netloom.graph.Position;
import dev.netloom.graph.Precision;
import dev.netloom.graph.analysis.GraphAnalysis;
import dev.netloom.graph.analysis.GraphAnalyzer;
import dev.netloom.graph.artifact.Tensor;
import dev.netloom.graph.catalog.LayerCatalog;
import dev.netloom.graph.catalog.LayerType;
import dev.netloom.graph.project.Project;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract of the weight encoders: every {@link Precision} has one under every writer option,
 * and each computes with exactly the weights it reports ({@code effectiveWeights}). The graph is
 * computed by hand here, without the training engine: features(96) → Dense(5) → Classification(3),
 * 96-wide rows so INT8 takes one scale per channel, 5-wide rows so it takes one per tensor.
 */
class WeightEncodersTest {

    static List<ExportOptions> everyOption() {
        List<ExportOptions> all = new ArrayList<>();
        for (int opset : new int[] {17, 21}) {
            for (ExportOptions.Int8Mode int8 : ExportOptions.Int8Mode.values()) {
                for (ExportOptions.Int4Layout int4 : ExportOptions.Int4Layout.values()) {
                    for (int block : new int[] {16, 128}) {
                        all.add(new ExportOptions(opset, int8, int4, block));
                    }
                }
            }
        }
        return all;
    }

    @Test
    void everyPrecisionHasAnEncoderUnderEveryOption() {
        assertThat(WeightEncoders.precisions()).containsExactlyInAnyOrder(Precision.values());
        for (Precision p : Precision.values()) {
            for (ExportOptions o : everyOption()) {
                assertThat(WeightEncoders.of(p, o)).as("%s under %s", p, o).isNotNull();
            }
        }
    }

    @Test
    void theOptionsChooseAmongAPrecisionsEncodings() {
        ExportOptions d = ExportOptions.defaults();
        assertThat(WeightEncoders.of(Precision.INT8, d)).isInstanceOf(Int8MatMulIntegerEncoder.class);
        assertThat(WeightEncoders.of(Precision.INT8, d.withInt8(ExportOptions.Int8Mode.WEIGHT_ONLY)))
                .isInstanceOf(Int8CastEncoder.class);
        assertThat(WeightEncoders.of(Precision.INT4, d)).isInstanceOf(Int4MatMulNBitsEncoder.class);
        assertThat(WeightEncoders.of(Precision.INT4, d.withInt4(ExportOptions.Int4Layout.DEQUANTIZE_LINEAR)))
                .isInstanceOf(Int4DequantizeLinearEncoder.class);
        assertThat(WeightEncoders.of(Precision.INT4, d.withOpset(17).withInt4(ExportOptions.Int4Layout.DEQUANTIZE_LINEAR)))
                .as("no INT4 tensors before opset 21").isInstanceOf(PackedCodesEncoder.class);
    }

    static List<Object[]> precisionsAndOptions() {
        List<Object[]> all = new ArrayList<>();
        for (Precision p : Precision.values()) {
            for (ExportOptions o : everyOption()) {
                all.add(new Object[] {p, o});
            }
        }
        return all;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("precisionsAndOptions")
    void theFileComputesWithTheWeightsItReports(Precision precision, ExportOptions options) {
        Random random = new Random(11);
        Map<String, Tensor> weights = new LinkedHashMap<>();
        weights.put("hidden.weight", Tensor.of(gaussian(random, 5 * 96), 5, 96));
        weights.put("hidden.bias", Tensor.of(gaussian(random, 5), 5));
        weights.put("answer.weight", Tensor.of(gaussian(random, 3 * 5), 3, 5));
        weights.put("answer.bias", Tensor.of(gaussian(random, 3), 3));
        OnnxModel model = new OnnxWriter("test").write(artifact(weights), PrecisionPlan.uniform(precision), options);
        Map<String, Tensor> seen = model.effectiveWeights();
        if (precision != Precision.FP32) {
            assertThat(seen.get("hidden.weight").floats()).as("quantized or rounded").isNotEqualTo(weights.get("hidden.weight").floats());
        }
        int rows = 4;
        float[] x = gaussian(random, rows * 96);
        float[] expected = dense(dense(x, rows, seen.get("hidden.weight"), seen.get("hidden.bias")), rows,
                seen.get("answer.weight"), seen.get("answer.bias"));
        float[] actual;
        try (OnnxSession session = OnnxSession.open(model.bytes(), 1)) {
            actual = session.run(Map.of("features", Tensor.of(x, rows, 96))).get("answer").floats();
        }
        double scale = 1;
        for (float e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        // Dynamic INT8 also quantizes activations: close, not equal.
        double tolerance = precision == Precision.INT8 && options.int8() == ExportOptions.Int8Mode.DYNAMIC ? 0.02 : 1e-4;
        for (int i = 0; i < expected.length; i++) {
            assertThat((double) Math.abs(actual[i] - expected[i])).as("output %d", i).isLessThanOrEqualTo(tolerance * scale);
        }
    }

    /** x [rows, in] · Wᵀ + b, W (out, in), in double. */
    private static float[] dense(float[] x, int rows, Tensor w, Tensor b) {
        int out = (int) w.shape()[0];
        int in = (int) w.shape()[1];
        float[] y = new float[rows * out];
        for (int r = 0; r < rows; r++) {
            for (int o = 0; o < out; o++) {
                double sum = b.floats()[o];
                for (int i = 0; i < in; i++) {
                    sum += (double) x[r * in + i] * w.floats()[o * in + i];
                }
                y[r * out + o] = (float) sum;
            }
        }
        return y;
    }

    private static float[] gaussian(Random random, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }

    private static Artifact artifact(Map<String, Tensor> weights) {
        Graph graph = new Graph(List.of(
                new Node("features", LayerType.TABULAR.name(), Map.of("features", 96), Position.ORIGIN, ""),
                new Node("hidden", LayerType.DENSE.name(), Map.of("units", 5), Position.ORIGIN, ""),
                new Node("answer", LayerType.CLASSIFICATION.name(), Map.of("classes", 3), Position.ORIGIN, "")),
                List.of(edge("features", "hidden"), edge("hidden", "answer")));
        GraphAnalysis analysis = new GraphAnalyzer(LayerCatalog.standard()).analyze(graph);
        assertThat(analysis.problems()).isEmpty();
        return new Artifact(Path.of("encoders"), new Project("encoders", "", graph, Map.of()), analysis, weights, Map.of(),
                List.of("a", "b", "c"), List.of(), MissingNode.getInstance(), MissingNode.getInstance(),
                MissingNode.getInstance());
    }

    private static Edge edge(String from, String to) {
        return new Edge(new PortRef(from, "out"), new PortRef(to, "in"));
    }
}
