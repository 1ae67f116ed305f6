package dev.netloom.train.experts;

import dev.netloom.graph.Graph;
import dev.netloom.graph.Node;
import dev.netloom.graph.analysis.GraphAnalysis;
import dev.netloom.graph.artifact.Tensor;
import dev.netloom.graph.catalog.LayerType;
import dev.netloom.graph.project.Project;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Removes experts from a trained Mixture-of-Experts model. For each pruned MoE node the graph gets
 * the new number of experts (and a top-k no larger than it), the router keeps the rows that score
 * the experts kept, and the experts kept are renumbered in their old order
 * ({@code expert5} becomes {@code expert1} when experts 2 and 5 stay). Every other weight is kept
 * as it was, so the pruned model computes exactly what the original computes for a token whose
 * top-k experts were all kept.
 *
 * <p>Weight names follow the training engine's MoE module: {@code NODE.router.weight} of shape
 * [experts, width] and {@code NODE.expertE.up|down.weight|bias}.
 */
public final class ExpertPruning {

    /**
     * A pruned model.
     *
     * @param project the project with the smaller MoE nodes
     * @param weights every weight of the pruned model
     */
    public record Pruned(Project project, Map<String, Tensor> weights) {
    }

    private ExpertPruning() {
    }

    /**
     * Prunes {@code project}'s MoE nodes to the experts {@code kept} names (node id → kept expert
     * indices in increasing order); nodes not named stay whole. {@code analysis} is the project
     * graph's, for each node's parameters with defaults filled in.
     *
     * @throws IllegalArgumentException a named node that is not an MoE layer, an index out of range,
     *     or weights that do not match the graph
     */
    public static Pruned prune(Project project, GraphAnalysis analysis, Map<String, Tensor> weights,
                               Map<String, int[]> kept) {
        Graph graph = project.graph();
        Map<String, Tensor> out = new LinkedHashMap<>(weights);
        for (Map.Entry<String, int[]> e : kept.entrySet()) {
            String id = e.getKey();
            Node node = graph.node(id).orElseThrow(() -> new IllegalArgumentException("no node \"" + id + "\" in the model"));
            if (!LayerType.MOE.is(node.type())) {
                throw new IllegalArgumentException(id + " (" + node.type() + ") is not a Mixture-of-Experts layer");
            }
            Map<String, Object> params = analysis.report(id).orElseThrow().params();
            int experts = ((Number) params.get("experts")).intValue();
            int[] keep = e.getValue();
            check(id, keep, experts);
            pruneWeights(id, keep, experts, out);
            int topK = Math.min(((Number) params.get("topK")).intValue(), keep.length);
            graph = graph.withReplacedNode(node.withParam("experts", keep.length).withParam("topK", topK));
        }
        return new Pruned(project.withGraph(graph), out);
    }

    private static void check(String id, int[] keep, int experts) {
        if (keep.length == 0) {
            throw new IllegalArgumentException(id + ": at least one expert must stay");
        }
        for (int i = 0; i < keep.length; i++) {
            if (keep[i] < 0 || keep[i] >= experts || (i > 0 && keep[i] <= keep[i - 1])) {
                throw new IllegalArgumentException(id + ": experts to keep must be distinct, in increasing order, from 0 to "
                        + (experts - 1) + "; got " + Arrays.toString(keep));
            }
        }
    }

    private static void pruneWeights(String id, int[] keep, int experts, Map<String, Tensor> weights) {
        String routerName = id + ".router.weight";
        Tensor router = weights.get(routerName);
        if (router == null || router.shape().length != 2 || router.shape()[0] != experts) {
            throw new IllegalArgumentException(id + ": the weights have no router of " + experts + " rows ("
                    + routerName + ")");
        }
        weights.put(routerName, rows(router, keep));
        Map<String, Tensor> renamed = new LinkedHashMap<>();
        for (int e = 0; e < experts; e++) {
            String prefix = id + ".expert" + e + ".";
            int newIndex = Arrays.binarySearch(keep, e);
            for (String local : new String[] {"up.weight", "up.bias", "down.weight", "down.bias"}) {
                Tensor t = weights.remove(prefix + local);
                if (t == null) {
                    throw new IllegalArgumentException(id + ": the weights have no " + prefix + local);
                }
                if (newIndex >= 0) {
                    renamed.put(id + ".expert" + newIndex + "." + local, t);
                }
            }
        }
        weights.putAll(renamed);
    }

    /** The rows {@code keep} of a matrix, in that order. */
    private static Tensor rows(Tensor matrix, int[] keep) {
        int width = Math.toIntExact(matrix.shape()[1]);
        float[] values = new float[keep.length * width];
        for (int i = 0; i < keep.length; i++) {
            System.arraycopy(matrix.floats(), keep[i] * width, values, i * width, width);
        }
        return Tensor.of(values, keep.length, width);
    }
}
