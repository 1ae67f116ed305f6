package dev.netloom.train.experts;

import dev.netloom.train.ExpertShares;

import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Which experts of each MoE layer to keep, chosen from their measured shares of the tokens: the
 * {@code K} busiest ({@link #keep}), or every expert with at least a given share ({@link #minShare}).
 * At least one expert always stays; ties go to the lower-numbered expert, so a choice is the same
 * on every run.
 */
public sealed interface KeepRule {

    /** Keep the {@code count} experts with the largest shares in every MoE layer. */
    static KeepRule keep(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("--keep must be at least 1, got " + count);
        }
        return new Busiest(count);
    }

    /** Keep the experts whose share is at least {@code share} (0 to 1), and at least the busiest one. */
    static KeepRule minShare(double share) {
        if (!(share >= 0 && share < 1)) {
            throw new IllegalArgumentException("--min-share must be from 0 to below 1 (0.05 = 5%), got " + share);
        }
        return new AtLeast(share);
    }

    /** The experts one layer keeps, in increasing order, given each expert's share. */
    int[] choose(double[] shares);

    /** {@link #choose} for every MoE layer measured in {@code shares}, by node id in graph order. */
    default Map<String, int[]> choose(ExpertShares shares) {
        Map<String, int[]> kept = new LinkedHashMap<>();
        shares.tokensPerExpert().keySet().forEach(node -> kept.put(node, choose(shares.shares(node))));
        return kept;
    }

    /** Expert indices from the busiest to the least used; equal shares keep index order. */
    private static int[] byShare(double[] shares) {
        return IntStream.range(0, shares.length).boxed()
                .sorted(Comparator.comparingDouble((Integer e) -> -shares[e]).thenComparingInt(e -> e))
                .mapToInt(Integer::intValue).toArray();
    }

    /** The {@code count} busiest experts. */
    record Busiest(int count) implements KeepRule {
        @Override
        public int[] choose(double[] shares) {
            if (count > shares.length) {
                throw new IllegalArgumentException("--keep " + count + " is more than the " + shares.length
                        + " experts a layer has");
            }
            int[] kept = Arrays.copyOf(byShare(shares), count);
            Arrays.sort(kept);
            return kept;
        }
    }

    /** Every expert with at least {@code share}. */
    record AtLeast(double share) implements KeepRule {
        @Override
        public int[] choose(double[] shares) {
            int[] order = byShare(shares);
            int[] kept = Arrays.stream(order).filter(e -> shares[e] >= share).toArray();
            if (kept.length == 0) {
                kept = new int[] {order[0]};
            }
            Arrays.sort(kept);
            return kept;
        }
    }
}
