package dev.netloom.export.verify;

import dev.netloom.graph.artifact.Tensor;

import java.util.LinkedHashMap;
import java.util.Map;

/** Top-1 accuracy of an exported model on labelled examples, in batches. */
public final class AccuracyCheck {

    private static final int BATCH = 256;

    private AccuracyCheck() {
    }

    /** The share of examples whose highest output is their label. */
    public static double accuracy(OnnxSession session, EvaluationSet set, String outputName) {
        int correct = 0;
        for (int from = 0; from < set.size(); from += BATCH) {
            int to = Math.min(set.size(), from + BATCH);
            Map<String, Tensor> batch = new LinkedHashMap<>();
            for (Map.Entry<String, Tensor> e : set.inputs().entrySet()) {
                batch.put(e.getKey(), EvaluationSet.rows(e.getValue(), from, to));
            }
            float[] out = session.run(batch).get(outputName).floats();
            int width = out.length / (to - from);
            for (int r = 0; r < to - from; r++) {
                correct += ProbeCheck.argmax(out, r * width, width) == set.labels()[from + r] ? 1 : 0;
            }
        }
        return set.size() == 0 ? Double.NaN : correct / (double) set.size();
    }
}
