package dev.netloom.export.calibrate;

import dev.netloom.devices.PrecisionPlan;
import dev.netloom.export.Artifact;
import dev.netloom.export.ExportOptions;
import dev.netloom.export.onnx.ActivationRanges;
import dev.netloom.export.onnx.OnnxModel;
import dev.netloom.export.onnx.OnnxWriter;
import dev.netloom.export.verify.EvaluationSet;
import dev.netloom.export.verify.OnnxSession;
import dev.netloom.graph.artifact.Tensor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Static INT8 export: the plan's INT8 nodes get INT8 weights and uint8 activations around every
 * convolution and matrix product, with ranges calibrated on examples, written as standard QDQ
 * (QuantizeLinear / DequantizeLinear pairs) that ONNX Runtime fuses into integer kernels at load.
 *
 * <ol>
 * <li>Write the model with a recording table: it lists the tensors to quantize and leaves them
 * in float (INT8 weights, float activations).</li>
 * <li>Run that model on the calibration examples with those tensors as extra outputs, and choose
 * each tensor's range ({@link Calibration}: min-max or percentile).</li>
 * <li>Write the model again with the ranges.</li>
 * </ol>
 */
public final class StaticInt8 {

    /** Calibration examples used at most (ONNX Runtime's tool suggests hundreds). */
    public static final int EXAMPLES = 512;
    /** Values kept per tensor for percentiles. */
    static final int SAMPLE = 200_000;
    private static final int BATCH = 64;

    private StaticInt8() {
    }

    /** The calibrated ranges of the tensors a static INT8 write of this plan quantizes. */
    public static ActivationRanges calibrate(OnnxWriter writer, Artifact artifact, PrecisionPlan plan,
                                             ExportOptions options, EvaluationSet examples, Calibration method,
                                             int threads) {
        ExportOptions st = options.withInt8(ExportOptions.Int8Mode.STATIC);
        ActivationRanges listing = ActivationRanges.recording();
        writer.write(artifact, plan, st, List.of(), listing);
        List<String> tensors = new ArrayList<>(new LinkedHashSet<>(listing.asked()));
        if (tensors.isEmpty()) {
            return ActivationRanges.of(Map.of());
        }
        if (examples.size() == 0) {
            throw new IllegalArgumentException("static INT8 needs examples to calibrate on");
        }
        OnnxModel measuring = writer.write(artifact, plan, st, tensors, ActivationRanges.recording());
        EvaluationSet sample = examples.head(Math.min(EXAMPLES, examples.size()));
        Map<String, Calibration.Observed> seen = new LinkedHashMap<>();
        tensors.forEach(t -> seen.put(t, new Calibration.Observed(SAMPLE)));
        try (OnnxSession session = OnnxSession.open(measuring.bytes(), threads)) {
            for (int from = 0; from < sample.size(); from += BATCH) {
                int to = Math.min(sample.size(), from + BATCH);
                Map<String, Tensor> batch = new LinkedHashMap<>();
                for (Map.Entry<String, Tensor> e : sample.inputs().entrySet()) {
                    batch.put(e.getKey(), EvaluationSet.rows(e.getValue(), from, to));
                }
                Map<String, Tensor> out = session.run(batch);
                tensors.forEach(t -> seen.get(t).add(out.get(t).floats()));
            }
        }
        Map<String, ActivationRanges.Range> ranges = new LinkedHashMap<>();
        seen.forEach((t, o) -> ranges.put(t, o.range(method)));
        return ActivationRanges.of(ranges);
    }

    /**
     * Whether a device wants its INT8 layers as static INT8 (calibrated activations): a
     * microcontroller (its integer-only toolchains, X-CUBE-AI, ESP-DL, TFLite Micro, need fixed
     * activation ranges), or a device with an integer accelerator, one that takes INT8 but not
     * FP32 (an NPU: its delegates run QDQ models with calibrated ranges). The automatic plan then
     * writes its INT8 layers static when that keeps the accuracy.
     */
    public static boolean wantedBy(dev.netloom.devices.DeviceProfile device) {
        if (!device.precisions().contains(dev.netloom.graph.Precision.INT8)) {
            return false;
        }
        return device.group() == dev.netloom.devices.DeviceGroup.MICROCONTROLLER || device.accelerators().stream()
                .anyMatch(a -> a.precisions().contains(dev.netloom.graph.Precision.INT8)
                        && !a.precisions().contains(dev.netloom.graph.Precision.FP32));
    }

    /** Whether a plan has INT8 layers, the ones static INT8 calibrates. */
    public static boolean hasInt8(PrecisionPlan plan) {
        return plan.defaultPrecision() == dev.netloom.graph.Precision.INT8
                || plan.perNode().containsValue(dev.netloom.graph.Precision.INT8);
    }

    /** The static INT8 model of a plan, calibrated on examples. */
    public static OnnxModel write(OnnxWriter writer, Artifact artifact, PrecisionPlan plan, ExportOptions options,
                                  EvaluationSet examples, Calibration method, int threads) {
        ActivationRanges ranges = calibrate(writer, artifact, plan, options, examples, method, threads);
        return writer.write(artifact, plan, options.withInt8(ExportOptions.Int8Mode.STATIC), List.of(), ranges);
    }
}
