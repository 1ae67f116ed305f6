package dev.netloom.app.export;

import dev.netloom.app.Version;
import dev.netloom.devices.DeviceProfile;
import dev.netloom.devices.PrecisionPlan;
import dev.netloom.export.Artifact;
import dev.netloom.export.Exporter;
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
 * again by {@link ArtifactExamples}. Slow (one export and one pass over the test split per
 * precision): call it off the FX thread.
 */
public final class PrecisionAccuracy {

    // Accuracy does not depend on threads; measuring runs here, not on the device, so use what this computer has.
    private static final int THREADS = Math.min(2, Runtime.getRuntime().availableProcessors());

    private PrecisionAccuracy() {
    }

    /**
     * @param progress one line per precision measured
     * @return accuracy (share) per precision, in the device's order
     * @throws dev.netloom.export.ExportException when the model's data cannot be read
     */
    public static Map<Precision, Double> measure(Artifact artifact, DeviceProfile device, List<Precision> precisions,
                                                 Consumer<String> progress) {
        EvaluationSet test = ArtifactExamples.read(artifact).test();
        PlanEvaluator evaluator = new PlanEvaluator(artifact, test, new OnnxWriter(Version.current()),
                Exporter.optionsFor(device), THREADS);
        Map<Precision, Double> out = new LinkedHashMap<>();
        for (Precision p : precisions) {
            progress.accept("Measuring " + p.displayName() + " on " + test.size() + " test examples…");
            out.put(p, evaluator.accuracy(PrecisionPlan.uniform(p)));
        }
        return out;
    }
}
