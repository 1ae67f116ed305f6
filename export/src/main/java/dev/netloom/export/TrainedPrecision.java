package dev.netloom.export;

import dev.netloom.devices.PrecisionPlan;
import dev.netloom.export.onnx.OnnxModel;
import dev.netloom.export.onnx.OnnxWriter;
import dev.netloom.export.verify.OnnxSession;
import dev.netloom.export.verify.Parity;
import dev.netloom.export.verify.ProbeCheck;
import dev.netloom.graph.quantize.QuantizationPlan;
import dev.netloom.graph.quantize.QuantizationSection;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A model trained for a precision (quantization-aware training, the artifact project's
 * {@code quantization} section): its probe holds the outputs of the model with rounded weights,
 * so the export that must reproduce it is the one at that precision, not FP32. Both round with
 * the same {@link dev.netloom.graph.quantize.WeightRule}, so the file at the trained-for
 * precision computes with exactly the weights training used.
 */
public final class TrainedPrecision {

    private TrainedPrecision() {
    }

    /** The precision plan an artifact was trained for, if any (an all-FP32 plan counts as none). */
    public static Optional<QuantizationPlan> of(Artifact artifact) {
        try {
            return QuantizationSection.read(artifact.project().section(QuantizationSection.KEY).orElse(null),
                    artifact.analysis()).filter(plan -> !plan.isFp32());
        } catch (IllegalArgumentException e) {
            throw new ExportException(artifact.dir().resolve("graph.json") + ": " + e.getMessage());
        }
    }

    /** The plan as the exporter's precision plan. */
    public static PrecisionPlan asPrecisionPlan(QuantizationPlan plan) {
        return new PrecisionPlan(plan.precision(), plan.perNode());
    }

    /**
     * Writes the model at the precision it was trained for and checks it reproduces the probe
     * within {@link ProbeCheck#FP32_TOLERANCE}, or throws: nothing is written. INT8 is checked
     * weight-only, since dynamic INT8 also rounds activations, which training did not. A device
     * whose INT4 layout cuts blocks otherwise than training did is measured, not gated, and said.
     */
    public static Parity check(OnnxWriter writer, Artifact artifact, QuantizationPlan plan, ExportOptions options,
                               int threads, Consumer<String> progress) {
        ExportOptions exact = options.withInt8(ExportOptions.Int8Mode.WEIGHT_ONLY);
        boolean sameRule = exact.weightRule().equals(plan.rule());
        OnnxModel model = writer.write(artifact, asPrecisionPlan(plan), exact);
        Parity parity;
        try (OnnxSession session = OnnxSession.open(model.bytes(), threads)) {
            parity = ProbeCheck.run(session, artifact, sameRule ? ProbeCheck.FP32_TOLERANCE : Double.NaN);
        }
        if (!parity.passed()) {
            throw new ExportException(String.format(Locale.ROOT, "the export at %s, the precision the model was trained for, "
                    + "does not reproduce it: largest difference on the probe %.3g > %.0e; no bundle was written "
                    + "(please report this)", plan.describe(), parity.maxAbsDiff(), ProbeCheck.FP32_TOLERANCE));
        }
        progress.accept(String.format(Locale.ROOT, "  trained for %s: the export at that precision differs from the trained "
                + "model by at most %.2g on %d probe examples (%s)", plan.describe(), parity.maxAbsDiff(),
                parity.probeRows(), sameRule ? String.format(Locale.ROOT, "limit %.0e", ProbeCheck.FP32_TOLERANCE)
                        : "not gated: this device's INT4 layout cuts blocks otherwise than training did"));
        return parity;
    }
}
