package dev.netloom.app.export;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.netloom.devices.PrecisionPlan;
import dev.netloom.export.Artifact;
import dev.netloom.export.ExportOptions;
import dev.netloom.export.calibrate.Calibration;
import dev.netloom.export.calibrate.StaticInt8;
import dev.netloom.export.onnx.ActivationRanges;
import dev.netloom.export.onnx.OnnxModel;
import dev.netloom.export.onnx.OnnxWriter;
import dev.netloom.export.verify.EvaluationSet;
import dev.netloom.export.verify.OnnxSession;
import dev.netloom.graph.Precision;
import dev.netloom.graph.artifact.Tensor;
import dev.netloom.train.model.LayerCases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Static INT8 (QDQ) with calibrated activation ranges: every layer type still exports and runs,
 * the calibrated model stays close to the model with INT8 weights and float activations it was
 * calibrated on, each range covers what calibration saw (min-max) or all but the rarest values
 * (percentile), and ONNX Runtime runs the convolutions and matrix products with integer kernels.
 */
class StaticInt8Test {

    private static final int ROWS = 48;

    static List<LayerCases.Case> cases() {
        return LayerCases.cases().toList();
    }

    private static EvaluationSet calibrationSet(DjlReference reference) {
        return new EvaluationSet("validation", reference.inputs, new int[reference.rows]);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyLayerTypeExportsAsStaticInt8CloseToItsCalibrationModel(LayerCases.Case c) {
        try (DjlReference reference = new DjlReference(c.graph(), ROWS, 13)) {
            Artifact artifact = reference.artifact(c.name());
            OnnxWriter writer = new OnnxWriter("test");
            PrecisionPlan int8 = PrecisionPlan.uniform(Precision.INT8);
            ExportOptions options = ExportOptions.defaults();
            ActivationRanges ranges = StaticInt8.calibrate(writer, artifact, int8, options, calibrationSet(reference),
                    Calibration.MIN_MAX, 1);
            OnnxModel quantized = writer.write(artifact, int8, options.withInt8(ExportOptions.Int8Mode.STATIC), List.of(),
                    ranges);
            // The model the ranges were measured on: the same INT8 weights, activations in float.
            OnnxModel floats = writer.write(artifact, int8, options.withInt8(ExportOptions.Int8Mode.STATIC), List.of(),
                    ActivationRanges.recording());
            assertThat(quantized.effectiveWeights().keySet()).isEqualTo(floats.effectiveWeights().keySet());
            float[] expected = run(floats, reference.inputs);
            float[] actual = run(quantized, reference.inputs);
            double scale = 1e-6;
            for (float e : expected) {
                scale = Math.max(scale, Math.abs(e));
            }
            double worst = 0;
            for (int i = 0; i < expected.length; i++) {
                worst = Math.max(worst, Math.abs(actual[i] - expected[i]) / scale);
            }
            // Each quantized tensor moves by at most half a step (1/510 of its range); through a few layers of random
            // weights that stays within some percent of the output scale.
            assertThat(worst).as("%s: largest difference relative to the output scale", c.name()).isLessThan(0.1);
            assertThat(quantized.quantizesActivations()).isEqualTo(!ranges.ranges().isEmpty());
        }
    }

    @Test
    void onnxRuntimeRunsTheConvolutionsAndProductsWithIntegerKernels(@TempDir Path dir) throws Exception {
        LayerCases.Case conv = cases().stream().filter(c -> c.name().equals("conv net")).findFirst().orElseThrow();
        try (DjlReference reference = new DjlReference(conv.graph(), ROWS, 3)) {
            OnnxModel model = StaticInt8.write(new OnnxWriter("test"), reference.artifact("conv"),
                    PrecisionPlan.uniform(Precision.INT8), ExportOptions.defaults(), calibrationSet(reference),
                    Calibration.PERCENTILE, 1);
            Path optimized = dir.resolve("optimized.onnx");
            try (OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
                o.setOptimizedModelFilePath(optimized.toString());
                OrtEnvironment.getEnvironment().createSession(model.bytes(), o).close();
            }
            Set<String> ops = opTypes(Files.readAllBytes(optimized));
            assertThat(ops).as("operators after ONNX Runtime's optimisation: %s", ops).contains("QLinearConv");
            assertThat(ops).doesNotContain("Conv");
            assertThat(ops).as("the classifier's product: %s", ops).containsAnyOf("QLinearMatMul", "MatMulIntegerToFloat");
        }
    }

    @ParameterizedTest
    @EnumSource(Calibration.class)
    void rangesCoverTheCalibrationValues(Calibration method) {
        Calibration.Observed seen = new Calibration.Observed(100_000);
        float[] values = new float[50_000];
        java.util.Random r = new java.util.Random(1);
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) r.nextGaussian();
        }
        values[7] = 40f; // one outlier
        seen.add(values);
        ActivationRanges.Range range = seen.range(method);
        double high = (255 - range.zeroPoint()) * range.scale();
        double low = -range.zeroPoint() * range.scale();
        if (method == Calibration.MIN_MAX) {
            assertThat(high).isGreaterThanOrEqualTo(40 - range.scale()); // within half a step of the largest value
        } else if (method == Calibration.ENTROPY) {
            assertThat(high).isBetween(2.0, 8.0); // the outlier is clipped where the KL divergence is least
        } else {
            assertThat(high).isBetween(3.0, 5.0); // the outlier is left out: a step 10x finer for everything else
        }
        assertThat(low).isLessThan(-3.0);
        assertThat(Calibration.parse("MinMax")).contains(Calibration.MIN_MAX);
        assertThat(Calibration.parse("entropy")).contains(Calibration.ENTROPY);
        assertThat(Calibration.parse("kl")).isEmpty();
    }

    private static float[] run(OnnxModel model, Map<String, Tensor> inputs) {
        try (OnnxSession session = OnnxSession.open(model.bytes(), 1)) {
            return session.run(inputs).values().iterator().next().floats();
        }
    }

    private static Set<String> opTypes(byte[] model) throws Exception {
        Set<String> ops = new TreeSet<>();
        ai.onnx.proto.OnnxMl.ModelProto.parseFrom(model).getGraph().getNodeList().forEach(n -> ops.add(n.getOpType()));
        return ops;
    }
}
