package dev.netloom.export.plan;

import dev.netloom.devices.PrecisionPlan;
import dev.netloom.export.Artifact;
import dev.netloom.export.ExportOptions;
import dev.netloom.export.onnx.OnnxModel;
import dev.netloom.export.onnx.OnnxWriter;
import dev.netloom.export.verify.AccuracyCheck;
import dev.netloom.export.verify.EvaluationSet;
import dev.netloom.export.verify.OnnxSession;

import java.util.HashMap;
import java.util.Map;

/**
 * Accuracy of an artifact exported at a precision plan, measured in ONNX Runtime on a fixed set
 * of labelled examples; each plan is measured once.
 */
public final class PlanEvaluator {

    private final Artifact artifact;
    private final EvaluationSet examples;
    private final OnnxWriter writer;
    private final ExportOptions options;
    private final int threads;
    private final Map<PrecisionPlan, Double> measured = new HashMap<>();

    public PlanEvaluator(Artifact artifact, EvaluationSet examples, OnnxWriter writer, ExportOptions options, int threads) {
        this.artifact = artifact;
        this.examples = examples;
        this.writer = writer;
        this.options = options;
        this.threads = threads;
    }

    public Artifact artifact() {
        return artifact;
    }

    public EvaluationSet examples() {
        return examples;
    }

    /** The model written at a plan (not measured). */
    public OnnxModel write(PrecisionPlan plan) {
        return writer.write(artifact, plan, options);
    }

    /** Top-1 accuracy at a plan, as a share (0..1). */
    public double accuracy(PrecisionPlan plan) {
        Double known = measured.get(plan);
        if (known != null) {
            return known;
        }
        OnnxModel model = write(plan);
        double accuracy;
        try (OnnxSession session = OnnxSession.open(model.bytes(), threads)) {
            accuracy = AccuracyCheck.accuracy(session, examples, artifact.headIds().get(0), model.quantizesActivations());
        }
        measured.put(plan, accuracy);
        return accuracy;
    }

    /** Top-1 accuracy of a model already written (a static INT8 one, say), as a share; not remembered. */
    public double accuracy(OnnxModel model) {
        try (OnnxSession session = OnnxSession.open(model.bytes(), threads)) {
            return AccuracyCheck.accuracy(session, examples, artifact.headIds().get(0), model.quantizesActivations());
        }
    }

    /** How many plans were measured so far. */
    public int measurements() {
        return measured.size();
    }
}
