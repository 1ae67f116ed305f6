package dev.netloom.hpo.analysis;

import dev.netloom.hpo.FrozenTrial;
import dev.netloom.hpo.TrialState;
import dev.netloom.hpo.distribution.Distribution;
import dev.netloom.hpo.space.IntersectionSearchSpace;
import dev.netloom.hpo.space.UnitSpace;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Parameter importance by functional ANOVA (Hutter et al. 2014) over a random forest, as Optuna's
 * default evaluator: 64 trees of depth up to 64 on bootstrap samples of the COMPLETE trials. For
 * each tree, the importance of a parameter is the variance of the tree's prediction marginalized
 * over all other parameters, divided by the total variance; importances are averaged over trees
 * and normalized to sum to 1. Parameters are mapped to {@code [0, 1]} by {@link UnitSpace}
 * (categories as ordered slices, a simplification of Optuna's one-hot encoding).
 */
public final class FanovaImportance {

    private final long seed;
    private final int nTrees;
    private final int maxDepth;

    /** Optuna's settings: 64 trees, depth 64. */
    public FanovaImportance(long seed) {
        this(seed, 64, 64);
    }

    public FanovaImportance(long seed, int nTrees, int maxDepth) {
        this.seed = seed;
        this.nTrees = nTrees;
        this.maxDepth = maxDepth;
    }

    /** Parameter → importance, most important first, for objective {@code target} of the trials. */
    public Map<String, Double> evaluate(List<FrozenTrial> trials, int target) {
        Map<String, Distribution> space = IntersectionSearchSpace.complete(trials);
        List<FrozenTrial> complete = trials.stream().filter(t -> t.state() == TrialState.COMPLETE).toList();
        if (space.isEmpty() || complete.size() < 2) {
            throw new IllegalArgumentException("importance needs at least 2 complete trials sharing a parameter");
        }
        List<String> names = new ArrayList<>(space.keySet());
        double[][] x = new double[complete.size()][names.size()];
        double[] y = new double[complete.size()];
        for (int i = 0; i < complete.size(); i++) {
            FrozenTrial t = complete.get(i);
            for (int j = 0; j < names.size(); j++) {
                x[i][j] = UnitSpace.toUnit(space.get(names.get(j)), t.internalParams().get(names.get(j)));
            }
            y[i] = t.values().get(target);
        }
        double[] sum = new double[names.size()];
        SplittableRandom rng = new SplittableRandom(seed);
        for (int k = 0; k < nTrees; k++) {
            int[] sample = new int[y.length];
            for (int i = 0; i < sample.length; i++) {
                sample[i] = rng.nextInt(y.length);
            }
            RegressionTree tree = new RegressionTree(x, y, sample, maxDepth, 2, 1);
            double[] imp = treeImportance(tree.leaves(), names.size());
            for (int j = 0; j < sum.length; j++) {
                sum[j] += imp[j];
            }
        }
        double total = Arrays.stream(sum).sum();
        Map<String, Double> raw = new LinkedHashMap<>();
        for (int j = 0; j < names.size(); j++) {
            raw.put(names.get(j), total > 0 ? sum[j] / total : 1.0 / names.size());
        }
        Map<String, Double> sorted = new LinkedHashMap<>();
        raw.entrySet().stream().sorted((a, b) -> Double.compare(b.getValue(), a.getValue()))
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    /** Per parameter, the variance of its main effect over the total variance, for one tree. */
    static double[] treeImportance(List<RegressionTree.Leaf> leaves, int d) {
        double mean = 0;
        double[] vol = new double[leaves.size()];
        for (int l = 0; l < leaves.size(); l++) {
            RegressionTree.Leaf leaf = leaves.get(l);
            vol[l] = 1;
            for (int j = 0; j < d; j++) {
                vol[l] *= leaf.hi()[j] - leaf.lo()[j];
            }
            mean += vol[l] * leaf.value();
        }
        double var = 0;
        for (int l = 0; l < leaves.size(); l++) {
            double dv = leaves.get(l).value() - mean;
            var += vol[l] * dv * dv;
        }
        double[] out = new double[d];
        if (var <= 0) {
            return out;
        }
        for (int j = 0; j < d; j++) {
            TreeSet<Double> cuts = new TreeSet<>();
            for (RegressionTree.Leaf leaf : leaves) {
                cuts.add(leaf.lo()[j]);
                cuts.add(leaf.hi()[j]);
            }
            double[] c = cuts.stream().mapToDouble(Double::doubleValue).toArray();
            double[] marginal = new double[c.length - 1];
            for (int l = 0; l < leaves.size(); l++) {
                RegressionTree.Leaf leaf = leaves.get(l);
                double width = leaf.hi()[j] - leaf.lo()[j];
                double otherVolume = width > 0 ? vol[l] / width : 0;
                int from = Arrays.binarySearch(c, leaf.lo()[j]);
                int to = Arrays.binarySearch(c, leaf.hi()[j]);
                for (int k = from; k < to; k++) {
                    marginal[k] += leaf.value() * otherVolume;
                }
            }
            double v = 0;
            for (int k = 0; k < marginal.length; k++) {
                double dv = marginal[k] - mean;
                v += (c[k + 1] - c[k]) * dv * dv;
            }
            out[j] = v / var;
        }
        return out;
    }
}
