package dev.netloom.train.model;

import ai.djl.ndarray.NDArray;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one forward pass collects besides outputs: auxiliary losses that training adds to the
 * objective (MoE load balancing, already weighted) and how many tokens each MoE layer routed to
 * each expert (for the studio's expert chart and the balance tests).
 */
public final class ForwardContext {

    private final List<NDArray> auxiliaryLosses = new ArrayList<>();
    private final Map<String, long[]> routing = new LinkedHashMap<>();

    public void addAuxiliaryLoss(NDArray weightedLoss) {
        auxiliaryLosses.add(weightedLoss);
    }

    public List<NDArray> auxiliaryLosses() {
        return Collections.unmodifiableList(auxiliaryLosses);
    }

    /** Records, for a MoE node, how many token assignments each expert received in this pass. */
    public void recordRouting(String nodeId, long[] tokensPerExpert) {
        routing.put(nodeId, tokensPerExpert.clone());
    }

    public Map<String, long[]> routing() {
        return Collections.unmodifiableMap(routing);
    }
}
