package dev.netloom.hpo.sampler;

import dev.netloom.hpo.FrozenTrial;
import dev.netloom.hpo.Study;
import dev.netloom.hpo.TrialState;
import dev.netloom.hpo.distribution.Distribution;
import java.util.List;
import java.util.Map;

/**
 * Chooses parameter values, Optuna-shaped. When a trial starts, the study asks for the
 * <em>relative</em> search space (parameters the sampler wants to choose together, usually those
 * every finished trial has) and samples it jointly; any other parameter is sampled
 * <em>independently</em> when the objective suggests it.
 *
 * <p>Values go in and out in their internal representation (see {@link Distribution}). Samplers
 * receive immutable snapshots. Every sampler is reproducible from a seed: with the same seed and
 * the same sequence of finished trials it answers the same values.
 *
 * <p>A sampler may be shared by the worker threads of one study; implementations are thread-safe.
 */
public interface Sampler {

    /** Parameters to sample jointly for this trial; none by default. */
    default Map<String, Distribution> inferRelativeSearchSpace(Study study, FrozenTrial trial) {
        return Map.of();
    }

    /** Joint internal values for (some of) the relative search space; none by default. */
    default Map<String, Double> sampleRelative(Study study, FrozenTrial trial, Map<String, Distribution> searchSpace) {
        return Map.of();
    }

    /** The internal value of one parameter outside the relative search space. */
    double sampleIndependent(Study study, FrozenTrial trial, String name, Distribution distribution);

    /** Called when a trial starts, before relative sampling. Does nothing by default. */
    default void beforeTrial(Study study, FrozenTrial trial) {
    }

    /** Called when a trial finishes. Does nothing by default. */
    default void afterTrial(Study study, FrozenTrial trial, TrialState state, List<Double> values) {
    }
}
