package dev.netloom.designer.model;

import dev.netloom.graph.Node;
import dev.netloom.graph.TensorType;
import dev.netloom.graph.analysis.NodeReport;
import dev.netloom.graph.catalog.LayerSpec;
import dev.netloom.graph.layers.MixtureOfExperts;

import java.util.HashMap;
import java.util.Map;

/**
 * What an expanded Mixture-of-Experts card shows: the router (how many experts, how many each
 * token uses) and each expert (inner width, activation), with weights per part and the
 * parameters one token uses against all stored. Sizes come from {@link MixtureOfExperts}'s own
 * formulas, so the parts add up to the cost bar's figures.
 *
 * @param experts how many experts (E)
 * @param topK how many experts each token goes to
 * @param hidden each expert's inner width
 * @param activation the curve inside each expert
 * @param routerParameters the router's weights; -1 while the input's width is unknown
 * @param expertParameters one expert's weights; -1 while unknown
 * @param activeParameters the weights one token uses: router + top-k experts; -1 while unknown
 * @param totalParameters every weight stored: router + E experts; -1 while unknown
 */
public record MoeBreakdown(int experts, int topK, int hidden, String activation, long routerParameters,
                           long expertParameters, long activeParameters, long totalParameters) {

    /** Whether the sizes are known (the input's shape could be inferred). */
    public boolean sized() {
        return totalParameters >= 0;
    }

    /**
     * The breakdown of one MoE node.
     *
     * @param report the analysis of the node, or null when its input is not known yet
     */
    public static MoeBreakdown of(Node node, LayerSpec spec, NodeReport report) {
        Map<String, Object> params = new HashMap<>(spec.defaults());
        params.putAll(report != null ? report.params() : node.params());
        int experts = (Integer) params.get("experts");
        int topK = (Integer) params.get("topK");
        int hidden = (Integer) params.get("hidden");
        String activation = (String) params.get("activation");
        TensorType in = report == null ? null : report.inputs().get("in");
        if (in == null) {
            return new MoeBreakdown(experts, topK, hidden, activation, -1, -1, -1, -1);
        }
        long width = in.dim(-1);
        long router = MixtureOfExperts.routerParameters(width, experts);
        long expert = MixtureOfExperts.expertParameters(width, hidden);
        return new MoeBreakdown(experts, topK, hidden, activation, router, expert,
                report.cost().activeParameters(), report.cost().parameters());
    }
}
