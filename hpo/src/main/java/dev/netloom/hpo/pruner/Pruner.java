package dev.netloom.hpo.pruner;

import dev.netloom.hpo.FrozenTrial;
import dev.netloom.hpo.Study;

/**
 * Decides whether a running trial should stop early, from its intermediate values and those of
 * other trials. One method, as in Optuna. Pruners are thread-safe; they may record bookkeeping in
 * the trial's system attributes through the study.
 */
@FunctionalInterface
public interface Pruner {

    /** Whether the trial, as it is now, should be pruned. */
    boolean prune(Study study, FrozenTrial trial);

    /**
     * Whether this pruner judges studies with several objectives ({@link ParetoPruner}); the others
     * read one objective, and asking them in such a study is an error.
     */
    default boolean judgesSeveralObjectives() {
        return false;
    }
}
