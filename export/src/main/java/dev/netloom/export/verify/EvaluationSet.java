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
 * @param positions for a per-position head, the true class of every position (then accuracy is the
 *        share of labelled positions right); null when each example has one answer
 */
public record EvaluationSet(String split, Map<String, Tensor> inputs, int[] labels, Positions positions) {

    /** Examples with one answer each. */
    public EvaluationSet(String split, Map<String, Tensor> inputs, int[] labels) {
        this(split, inputs, labels, null);
    }

    /**
     * The class of every position of every example (a mask), for a per-position head.
     *
     * @param ids {@code perExample} class ids per example, -1 where unlabelled
     * @param perExample positions per example
     * @param classesFirst whether the model's output is [K, positions...] (a feature map) rather
     *        than [positions, K] (a sequence)
     */
    public record Positions(long[] ids, int perExample, boolean classesFirst) {
    }

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
        return new EvaluationSet(split, cut, java.util.Arrays.copyOf(labels, n), positions == null ? null
                : new Positions(java.util.Arrays.copyOf(positions.ids(), n * positions.perExample()),
                        positions.perExample(), positions.classesFirst()));
    }

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
