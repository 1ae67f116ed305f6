package dev.netloom.hpo.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A CART regression tree on features in {@code [0, 1]}: splits that most reduce the squared
 * error, grown until a node is pure, too small or too deep. Its leaves, as boxes with a value,
 * are what the functional ANOVA integrates.
 */
final class RegressionTree {

    /** A leaf: the box {@code [lo, hi]} it covers and its prediction. */
    record Leaf(double[] lo, double[] hi, double value) {
    }

    private final List<Leaf> leaves = new ArrayList<>();
    private final int maxDepth;
    private final int minSamplesSplit;
    private final int minSamplesLeaf;

    RegressionTree(double[][] x, double[] y, int[] sample, int maxDepth, int minSamplesSplit, int minSamplesLeaf) {
        this.maxDepth = maxDepth;
        this.minSamplesSplit = minSamplesSplit;
        this.minSamplesLeaf = minSamplesLeaf;
        int d = x.length == 0 ? 0 : x[0].length;
        double[] lo = new double[d];
        double[] hi = new double[d];
        Arrays.fill(hi, 1);
        grow(x, y, sample, lo, hi, 0);
    }

    List<Leaf> leaves() {
        return leaves;
    }

    private void grow(double[][] x, double[] y, int[] idx, double[] lo, double[] hi, int depth) {
        double mean = 0;
        for (int i : idx) {
            mean += y[i];
        }
        mean /= idx.length;
        if (idx.length < minSamplesSplit || depth >= maxDepth || pure(y, idx)) {
            leaves.add(new Leaf(lo.clone(), hi.clone(), mean));
            return;
        }
        int bestFeature = -1;
        double bestThreshold = 0;
        double bestScore = Double.POSITIVE_INFINITY;
        int d = lo.length;
        Integer[] order = new Integer[idx.length];
        for (int f = 0; f < d; f++) {
            for (int k = 0; k < idx.length; k++) {
                order[k] = idx[k];
            }
            final int feature = f;
            Arrays.sort(order, (a, b) -> Double.compare(x[a][feature], x[b][feature]));
            double total = 0;
            double totalSq = 0;
            for (int i : idx) {
                total += y[i];
                totalSq += y[i] * y[i];
            }
            double left = 0;
            double leftSq = 0;
            for (int k = 0; k < order.length - 1; k++) {
                double v = y[order[k]];
                left += v;
                leftSq += v * v;
                int nl = k + 1;
                int nr = order.length - nl;
                if (nl < minSamplesLeaf || nr < minSamplesLeaf) {
                    continue;
                }
                double a = x[order[k]][f];
                double b = x[order[k + 1]][f];
                if (a == b) {
                    continue;
                }
                double right = total - left;
                double rightSq = totalSq - leftSq;
                double sse = (leftSq - left * left / nl) + (rightSq - right * right / nr);
                if (sse < bestScore - 1e-12) {
                    bestScore = sse;
                    bestFeature = f;
                    bestThreshold = (a + b) / 2;
                }
            }
        }
        if (bestFeature < 0) {
            leaves.add(new Leaf(lo.clone(), hi.clone(), mean));
            return;
        }
        int nLeft = 0;
        for (int i : idx) {
            if (x[i][bestFeature] <= bestThreshold) {
                nLeft++;
            }
        }
        int[] l = new int[nLeft];
        int[] r = new int[idx.length - nLeft];
        int li = 0;
        int ri = 0;
        for (int i : idx) {
            if (x[i][bestFeature] <= bestThreshold) {
                l[li++] = i;
            } else {
                r[ri++] = i;
            }
        }
        double oldHi = hi[bestFeature];
        hi[bestFeature] = bestThreshold;
        grow(x, y, l, lo, hi, depth + 1);
        hi[bestFeature] = oldHi;
        double oldLo = lo[bestFeature];
        lo[bestFeature] = bestThreshold;
        grow(x, y, r, lo, hi, depth + 1);
        lo[bestFeature] = oldLo;
    }

    private static boolean pure(double[] y, int[] idx) {
        for (int i : idx) {
            if (y[i] != y[idx[0]]) {
                return false;
            }
        }
        return true;
    }
}
