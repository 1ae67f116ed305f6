package dev.netloom.hpo.pruner;

import dev.netloom.hpo.FrozenTrial;
import dev.netloom.hpo.Study;

/** Never prunes. */
public final class NopPruner implements Pruner {

    @Override
    public boolean prune(Study study, FrozenTrial trial) {
        return false;
    }
}
