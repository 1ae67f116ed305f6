package dev.netloom.export.verify;

import dev.netloom.graph.artifact.Tensor;

import java.util.Map;

/**
 * Labelled examples to measure an exported model's accuracy on, already preprocessed as the
 * model reads them. Export cannot read datasets (that is the training engine's, and DJL's), so
 * the app hands them over in this plain form.
 *
 * @param split which split they come from ("test", "validation")
 * @param inputs one tensor per model input, by input node id, batch first
 * @param labels the true class of each example
 */
public record EvaluationSet(String split, Map<String, Tensor> inputs, int[] labels) {

    public int size() {
        return labels.length;
    }

    /** The first {@code n} examples (or all, if fewer). */
    public EvaluationSet head(int n) {
        if (n >= labels.length) {
            return this;
        }
        Map<String, Tensor> cut = new java.util.LinkedHashMap<>();
        inputs.forEach((id, t) -> cut.put(id, rows(t, 0, n)));
        return new EvaluationSet(split, cut, java.util.Arrays.copyOf(labels, n));
    }

    /** Rows {@code [from, to)} of a batch-first tensor. */
    /** Rows {@code from..to} of a batch-first tensor. */
    public static Tensor rows(Tensor t, int from, int to) {
        long[] shape = t.shape().clone();
        int per = (int) (t.size() / shape[0]);
        shape[0] = to - from;
        return t.floats() != null
                ? Tensor.of(java.util.Arrays.copyOfRange(t.floats(), from * per, to * per), shape)
                : Tensor.ofLongs(java.util.Arrays.copyOfRange(t.longs(), from * per, to * per), shape);
    }
}
