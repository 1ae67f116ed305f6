package dev.netloom.train;

import dev.netloom.train.data.Examples;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a trained model's Mixture-of-Experts layers share out their tokens: for each MoE node, the
 * token assignments each expert received over some examples (a token counts once for each of the
 * top-k experts its router picks). This is the measurement expert pruning starts from: an expert
 * with a small share carries little of the model's work.
 *
 * <p>Measured with the model in inference mode (no router noise, no capacity limit), the way the
 * exported model routes.
 *
 * @param examples the examples the tokens came from
 * @param tokensPerExpert for each MoE node, in the order the graph runs them, assignments per expert
 */
public record ExpertShares(int examples, Map<String, long[]> tokensPerExpert) {

    public ExpertShares {
        Map<String, long[]> copy = new LinkedHashMap<>();
        tokensPerExpert.forEach((node, counts) -> copy.put(node, counts.clone()));
        tokensPerExpert = Collections.unmodifiableMap(copy);
    }

    /** Runs {@code examples} through {@code model} in batches and counts each MoE node's assignments. */
    public static ExpertShares measure(TrainedModel model, Examples examples, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("the batch size must be at least 1, got " + batchSize);
        }
        Map<String, long[]> totals = new LinkedHashMap<>();
        for (int start = 0; start < examples.size(); start += batchSize) {
            int[] rows = java.util.stream.IntStream.range(start, Math.min(examples.size(), start + batchSize)).toArray();
            model.predict(examples, rows);
            model.block().lastRouting().forEach((node, counts) -> {
                long[] sum = totals.computeIfAbsent(node, n -> new long[counts.length]);
                for (int e = 0; e < counts.length; e++) {
                    sum[e] += counts[e];
                }
            });
        }
        return new ExpertShares(examples.size(), totals);
    }

    /** The share of a node's assignments each expert received (0 to 1; all zeros for a node that saw no token). */
    public double[] shares(String node) {
        long[] counts = tokensPerExpert.get(node);
        if (counts == null) {
            throw new IllegalArgumentException("no MoE node \"" + node + "\" in this model");
        }
        long total = Arrays.stream(counts).sum();
        return Arrays.stream(counts).mapToDouble(c -> total == 0 ? 0 : (double) c / total).toArray();
    }

    /** All assignments of a node: its tokens × its router's top-k. */
    public long assignments(String node) {
        return Arrays.stream(tokensPerExpert.get(node)).sum();
    }
}
