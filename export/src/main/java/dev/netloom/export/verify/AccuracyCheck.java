package dev.netloom.export.verify;

import dev.netloom.graph.artifact.Tensor;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Top-1 accuracy of an exported model on labelled examples, in batches — or one example at a
 * time for a model that quantizes activations while it runs (dynamic INT8): DynamicQuantizeLinear
 * takes one scale for its whole input, so a batch's answers depend on the other examples in it
 * (up to 2.5% of the output scale in a batch of 90), and a user's app predicts one at a time.
 */
public final class AccuracyCheck {

    private static final int BATCH = 256;

    private AccuracyCheck() {
    }

    /** The share of examples whose highest output is their label, in batches. */
    public static double accuracy(OnnxSession session, EvaluationSet set, String outputName) {
        return accuracy(session, set, outputName, false);
    }

    /** The same, one example at a time when {@code oneAtATime} (models that quantize activations per call). */
    public static double accuracy(OnnxSession session, EvaluationSet set, String outputName, boolean oneAtATime) {
        int size = oneAtATime ? 1 : BATCH;
        if (set.positions() != null) {
            return positionAccuracy(session, set, outputName, size);
        }
        int correct = 0;
        for (int from = 0; from < set.size(); from += size) {
            int to = Math.min(set.size(), from + size);
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

    /** The share of labelled positions (pixels, tokens) whose highest score is their class. */
    private static double positionAccuracy(OnnxSession session, EvaluationSet set, String outputName, int size) {
        EvaluationSet.Positions p = set.positions();
        long correct = 0;
        long labelled = 0;
        for (int from = 0; from < set.size(); from += size) {
            int to = Math.min(set.size(), from + size);
            Map<String, Tensor> batch = new LinkedHashMap<>();
            for (Map.Entry<String, Tensor> e : set.inputs().entrySet()) {
                batch.put(e.getKey(), EvaluationSet.rows(e.getValue(), from, to));
            }
            float[] out = session.run(batch).get(outputName).floats();
            int width = out.length / (to - from);
            int classes = width / p.perExample();
            for (int r = 0; r < to - from; r++) {
                for (int q = 0; q < p.perExample(); q++) {
                    long label = p.ids()[(from + r) * p.perExample() + q];
                    if (label < 0) {
                        continue;
                    }
                    int best = 0;
                    for (int c = 1; c < classes; c++) {
                        if (score(out, r * width, p, q, c, classes) > score(out, r * width, p, q, best, classes)) {
                            best = c;
                        }
                    }
                    correct += best == label ? 1 : 0;
                    labelled++;
                }
            }
        }
        return labelled == 0 ? Double.NaN : correct / (double) labelled;
    }

    private static float score(float[] out, int base, EvaluationSet.Positions p, int position, int c, int classes) {
        return out[base + (p.classesFirst() ? c * p.perExample() + position : position * classes + c)];
    }
}
