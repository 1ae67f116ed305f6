package dev.netloom.app.export;

import com.fasterxml.jackson.databind.node.MissingNode;
import dev.netloom.app.Version;
import dev.netloom.devices.PrecisionPlan;
import dev.netloom.export.Artifact;
import dev.netloom.export.onnx.OnnxModel;
import dev.netloom.export.onnx.OnnxWriter;
import dev.netloom.export.verify.LatencyMeter;
import dev.netloom.export.verify.OnnxSession;
import dev.netloom.graph.TensorType;
import dev.netloom.graph.analysis.GraphAnalysis;
import dev.netloom.graph.artifact.Tensor;
import dev.netloom.graph.project.Project;
import dev.netloom.train.TrainedModel;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * How long one prediction of a graph takes on this computer, measured: the graph with freshly
 * initialised weights (the training engine's own initialisation; latency does not depend on what
 * the weights are), exported to ONNX at a precision, run in ONNX Runtime on a random example. The
 * yardstick for the estimator's "this computer" profile.
 */
public final class MeasuredLatency {

    private MeasuredLatency() {
    }

    /** Median latency of one example, in ONNX Runtime with {@code threads} threads. */
    public static LatencyMeter.Latency of(Project project, GraphAnalysis analysis, PrecisionPlan plan, int threads,
                                          long budgetMillis) {
        Map<String, Tensor> weights;
        List<String> inputIds = analysis.graph().nodes().stream()
                .filter(n -> analysis.report(n.id()).map(r -> r.spec().category()
                        == dev.netloom.graph.catalog.Category.INPUTS).orElse(false))
                .map(n -> n.id()).toList();
        try (TrainedModel model = TrainedModel.create(analysis, inputIds, 1)) {
            weights = model.weights();
        }
        Map<String, Tensor> input = new LinkedHashMap<>();
        Random random = new Random(1);
        for (String id : inputIds) {
            TensorType t = analysis.report(id).orElseThrow().out();
            long[] shape = new long[t.rank() + 1];
            shape[0] = 1;
            for (int i = 0; i < t.rank(); i++) {
                shape[i + 1] = t.dim(i);
            }
            int size = (int) t.elements();
            if (t.vocabulary() > 0) {
                long[] ids = new long[size];
                for (int i = 0; i < size; i++) {
                    ids[i] = random.nextInt(t.vocabulary());
                }
                input.put(id, Tensor.ofLongs(ids, shape));
            } else {
                float[] values = new float[size];
                for (int i = 0; i < size; i++) {
                    values[i] = (float) random.nextGaussian();
                }
                input.put(id, Tensor.of(values, shape));
            }
        }
        Artifact artifact = new Artifact(Path.of(project.name().isBlank() ? "model" : project.name()), project, analysis,
                weights, Map.of(), List.of(), List.of(), MissingNode.getInstance(), MissingNode.getInstance(),
                MissingNode.getInstance());
        OnnxModel onnx = new OnnxWriter(Version.current()).write(artifact, plan,
                dev.netloom.export.ExportOptions.defaults());
        try (OnnxSession session = OnnxSession.open(onnx.bytes(), threads)) {
            return LatencyMeter.measure(session, input, 5, 500, budgetMillis);
        }
    }
}
