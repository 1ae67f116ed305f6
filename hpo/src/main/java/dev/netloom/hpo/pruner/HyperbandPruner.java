package dev.netloom.hpo.pruner;

import dev.netloom.hpo.FrozenTrial;
import dev.netloom.hpo.Study;
import java.util.ArrayList;
import java.util.List;

/**
 * Hyperband (Li et al. 2018) as Optuna runs it: several brackets of ASHA with different early
 * stopping rates, from aggressive (prune at {@code minResource}) to none. A trial joins a bracket
 * by a hash of the study name and its number, with probability proportional to the bracket's
 * budget, and competes only with trials of its bracket. Reduction factor 3 by default.
 */
public final class HyperbandPruner implements Pruner {

    private final List<SuccessiveHalvingPruner> brackets = new ArrayList<>();
    private final long[] budgets;
    private final long totalBudget;

    /** Hyperband with η = 3. */
    public HyperbandPruner(int minResource, int maxResource) {
        this(minResource, maxResource, 3);
    }

    public HyperbandPruner(int minResource, int maxResource, int reductionFactor) {
        if (minResource < 1 || maxResource < minResource || reductionFactor < 2) {
            throw new IllegalArgumentException("need 1 <= minResource <= maxResource and reductionFactor >= 2");
        }
        int n = (int) Math.floor(Math.log((double) maxResource / minResource) / Math.log(reductionFactor) + 1e-9) + 1;
        budgets = new long[n];
        long total = 0;
        for (int b = 0; b < n; b++) {
            // Rung attributes carry the bracket in their name, so only trials of one bracket compete.
            brackets.add(new SuccessiveHalvingPruner(minResource, reductionFactor, b, "hb" + b + ":", t -> true));
            // Optuna: budget of bracket i is ceil(n_brackets * η^(n-1-i) / (n - i)).
            budgets[b] = (long) Math.ceil(n * Math.pow(reductionFactor, n - 1 - b) / (n - b));
            total += budgets[b];
        }
        totalBudget = total;
    }

    /** The number of brackets. */
    public int bracketCount() {
        return brackets.size();
    }

    @Override
    public boolean prune(Study study, FrozenTrial trial) {
        return brackets.get(bracketOf(study.name(), trial.number())).prune(study, trial);
    }

    /** The bracket of a trial: deterministic, so every process agrees. */
    public int bracketOf(String studyName, int trialNumber) {
        long h = (studyName.hashCode() * 0x9E3779B97F4A7C15L) ^ (trialNumber * 0xC2B2AE3D27D4EB4FL);
        h ^= h >>> 29;
        long ticket = Math.floorMod(h, totalBudget);
        for (int b = 0; b < budgets.length; b++) {
            if (ticket < budgets[b]) {
                return b;
            }
            ticket -= budgets[b];
        }
        return budgets.length - 1;
    }
}
