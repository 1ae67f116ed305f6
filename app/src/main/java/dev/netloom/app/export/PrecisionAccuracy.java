package dev.netloom.app.export;

import dev.netloom.app.Version;
import dev.netloom.devices.DeviceProfile;
import dev.netloom.devices.PrecisionPlan;
import dev.netloom.export.Artifact;
import dev.netloom.export.ExportOptions;
import dev.netloom.export.ExportRequest;
import dev.netloom.export.Exporter;
import dev.netloom.export.calibrate.Calibration;
import dev.netloom.export.calibrate.StaticInt8;
import dev.netloom.export.onnx.OnnxWriter;
import dev.netloom.export.plan.PlanEvaluator;
import dev.netloom.export.verify.EvaluationSet;
import dev.netloom.graph.Precision;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Test accuracy of a model at each precision a device takes, measured in ONNX Runtime with the
 * device's export settings: export's {@link PlanEvaluator}, on the artifact's test split read
 * again by {@link ArtifactExamples}; static INT8 is calibrated on the validation split first
 * (percentile, as {@code netloom export} does by default). Slow (one export and one pass over the
 * test split per precision): call it off the FX thread.
 */
public final class PrecisionAccuracy {

    // Accuracy does not depend on threads; measuring runs here, not on the device, so use what this computer has.
    private static final int THREADS = Math.min(2, Runtime.getRuntime().availableProcessors());

    private PrecisionAccuracy() {
    }

    /**
     * @param words the rows' words ({@link PrecisionFit#word()}: {@code fp32} ... {@code int1}, {@code int8-static})
     * @param progress one line per precision measured
     * @return accuracy (share) per word, in the order asked
     * @throws dev.netloom.export.ExportException when the model's data cannot be read
     */
    public static Map<String, Double> measure(Artifact artifact, DeviceProfile device, List<String> words,
                                              Consumer<String> progress) {
        ArtifactExamples examples = ArtifactExamples.read(artifact);
        EvaluationSet test = examples.test();
        OnnxWriter writer = new OnnxWriter(Version.current());
        ExportOptions options = Exporter.optionsFor(device);
        PlanEvaluator evaluator = new PlanEvaluator(artifact, test, writer, options, THREADS);
        Map<String, Double> out = new LinkedHashMap<>();
        for (String word : words) {
            if (word.equals(ExportRequest.INT8_STATIC)) {
                EvaluationSet validation = examples.validation();
                progress.accept("Calibrating static INT8 on " + Math.min(StaticInt8.EXAMPLES, validation.size())
                        + " validation examples, measuring on " + test.size() + " test examples…");
                out.put(word, evaluator.accuracy(StaticInt8.write(writer, artifact, PrecisionPlan.uniform(Precision.INT8),
                        options, validation, Calibration.PERCENTILE, THREADS)));
                continue;
            }
            Precision p = Exporter.precision(word);
            progress.accept("Measuring " + p.displayName() + " on " + test.size() + " test examples…");
            out.put(word, evaluator.accuracy(PrecisionPlan.uniform(p)));
        }
        return out;
    }
}
