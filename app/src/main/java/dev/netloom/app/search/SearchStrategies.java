package dev.netloom.app.search;

import dev.netloom.hpo.pruner.HyperbandPruner;
import dev.netloom.hpo.pruner.NopPruner;
import dev.netloom.hpo.pruner.PercentilePruner;
import dev.netloom.hpo.pruner.Pruner;
import dev.netloom.hpo.pruner.SuccessiveHalvingPruner;
import dev.netloom.hpo.sampler.CmaEsSampler;
import dev.netloom.hpo.sampler.NsgaIISampler;
import dev.netloom.hpo.sampler.RandomSampler;
import dev.netloom.hpo.sampler.Sampler;
import dev.netloom.hpo.sampler.TpeSampler;
import dev.netloom.hpo.sampler.TpeSettings;

import java.util.List;

/**
 * Samplers and pruners by the names {@code netloom tune} and the Tune view offer, so both build
 * the same study from the same words.
 */
public final class SearchStrategies {

    /** The sampler names, the default for one objective first. */
    public static final List<String> SAMPLERS = List.of("tpe", "nsga2", "random", "cmaes");
    /** The pruner names, the default first. */
    public static final List<String> PRUNERS = List.of("median", "asha", "hyperband", "none");

    private SearchStrategies() {
    }

    /**
     * A sampler by name; null chooses TPE for one objective and NSGA-II for several.
     *
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static Sampler sampler(String name, int objectiveCount, long seed) {
        String chosen = name != null ? name : objectiveCount > 1 ? "nsga2" : "tpe";
        return switch (chosen) {
            // Constant liar: running trials count as bad, so parallel workers spread out (FIGURES.md).
            case "tpe" -> new TpeSampler(TpeSettings.defaults().withConstantLiar(true), seed);
            case "nsga2" -> new NsgaIISampler(seed);
            case "random" -> new RandomSampler(seed);
            case "cmaes" -> new CmaEsSampler(seed);
            default -> throw new IllegalArgumentException("unknown sampler " + chosen + "; use tpe, nsga2, random or cmaes");
        };
    }

    /**
     * A pruner by name, judging trials after each epoch.
     *
     * @param epochsPerTrial the most epochs a trial trains (Hyperband's largest budget)
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static Pruner pruner(String name, int epochsPerTrial) {
        return switch (name) {
            case "median" -> PercentilePruner.median(5, 1);
            case "asha" -> new SuccessiveHalvingPruner(1);
            case "hyperband" -> new HyperbandPruner(1, Math.max(1, epochsPerTrial));
            case "none" -> new NopPruner();
            default -> throw new IllegalArgumentException("unknown pruner " + name + "; use median, asha, hyperband or none");
        };
    }
}
