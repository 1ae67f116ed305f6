package dev.netloom.app.search;

import dev.netloom.hpo.pruner.HyperbandPruner;
import dev.netloom.hpo.pruner.NopPruner;
import dev.netloom.hpo.pruner.ParetoPruner;
import dev.netloom.hpo.pruner.PercentilePruner;
import dev.netloom.hpo.pruner.Pruner;
import dev.netloom.hpo.pruner.SuccessiveHalvingPruner;
import dev.netloom.graph.search.Range;
import dev.netloom.graph.search.SearchSpace;
import dev.netloom.graph.search.SearchableParameter;
import dev.netloom.hpo.sampler.CmaEsSampler;
import dev.netloom.hpo.sampler.GpSampler;
import dev.netloom.hpo.sampler.NsgaIISampler;
import dev.netloom.hpo.sampler.RandomSampler;
import dev.netloom.hpo.sampler.Sampler;
import dev.netloom.hpo.sampler.SamplerChoice;
import dev.netloom.hpo.sampler.TpeSampler;
import dev.netloom.hpo.sampler.TpeSettings;

import java.util.List;

/**
 * Samplers and pruners by the names {@code netloom tune} and the Tune view offer, so both build
 * the same study from the same words.
 */
public final class SearchStrategies {

    /** The sampler names, the command line's default for one objective first ({@code auto} is the Tune view's). */
    public static final List<String> SAMPLERS = List.of("tpe", "nsga2", "gp", "auto", "random", "cmaes");
    /** The pruner names, the default first; {@code pareto} is the one that prunes studies of several objectives. */
    public static final List<String> PRUNERS = List.of("median", "asha", "hyperband", "pareto", "none");

    private SearchStrategies() {
    }

    /**
     * A sampler by name; null chooses TPE for one objective and NSGA-II for several. {@code auto}
     * needs the budget and the space: use {@link #choose}.
     *
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static Sampler sampler(String name, int objectiveCount, long seed) {
        String chosen = name != null ? name : objectiveCount > 1 ? "nsga2" : "tpe";
        return switch (chosen) {
            case "gp" -> new GpSampler(seed);
            case "auto" -> throw new IllegalArgumentException("the auto sampler depends on the budget and the space");
            // Constant liar: running trials count as bad, so parallel workers spread out (docs/figures.md).
            case "tpe" -> new TpeSampler(TpeSettings.defaults().withConstantLiar(true), seed);
            case "nsga2" -> new NsgaIISampler(seed);
            case "random" -> new RandomSampler(seed);
            case "cmaes" -> new CmaEsSampler(seed);
            default -> throw new IllegalArgumentException("unknown sampler " + chosen
                    + "; use tpe, nsga2, gp, auto, random or cmaes");
        };
    }

    /**
     * A sampler by name with the reason for an automatic choice: {@code auto} applies
     * {@link SamplerChoice#auto} to the budget and the space (categorical choices against numeric
     * ranges); any other name (or null, the command line's default) is {@link #sampler} with no reason.
     *
     * @param budget the trials the study is to run
     */
    public static SamplerChoice choose(String name, int objectiveCount, int budget, SearchSpace space, long seed) {
        if (!"auto".equals(name)) {
            Sampler s = sampler(name, objectiveCount, seed);
            return new SamplerChoice(name != null ? name : objectiveCount > 1 ? "nsga2" : "tpe", s, null);
        }
        int categorical = 0;
        for (SearchableParameter p : space.parameters()) {
            if (p.range() instanceof Range.Choices) {
                categorical++;
            }
        }
        return SamplerChoice.auto(budget, space.parameters().size() - categorical, categorical, objectiveCount, seed);
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
            // Several objectives: a trial that, even credited with the biggest late gain a finished trial made,
            // ends beaten by a finished trial on accuracy and on every cost (ParetoPruner's extrapolation).
            case "pareto" -> new ParetoPruner(5, 1, 1);
            case "none" -> new NopPruner();
            default -> throw new IllegalArgumentException("unknown pruner " + name
                    + "; use median, asha, hyperband, pareto or none");
        };
    }
}
