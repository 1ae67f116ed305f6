package dev.netloom.train;

import ai.djl.nn.Parameter;
import dev.netloom.graph.analysis.GraphAnalysis;
import dev.netloom.graph.artifact.Tensor;
import dev.netloom.train.model.GraphBlock;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which of a trained model's weights a graph can start from: a node is loaded when every one of
 * its weights is in the start model under the same name ({@code nodeId.local}) with the same
 * shape, and it is not to be re-created; otherwise all of its weights start fresh (a node is never
 * half loaded). Nodes without weights (activations, pooling, inputs) are neither.
 *
 * @param weights the start model's weights that the graph takes, for {@link TrainingRun#startFrom}
 * @param loaded nodes whose weights come from the start model, in graph order
 * @param fresh nodes with weights that start fresh, in graph order
 */
public record WeightMatch(Map<String, Tensor> weights, List<String> loaded, List<String> fresh) {

    public WeightMatch {
        weights = Map.copyOf(weights);
        loaded = List.copyOf(loaded);
        fresh = List.copyOf(fresh);
    }

    /**
     * @param recreate nodes that start fresh whatever the start model holds (a head whose classes
     *        differ from the start model's)
     */
    public static WeightMatch of(GraphAnalysis analysis, Map<String, Tensor> start, Set<String> recreate) {
        Map<String, Map<String, Parameter>> byNode = new LinkedHashMap<>();
        new GraphBlock(analysis).weightsByName().forEach((name, p) ->
                byNode.computeIfAbsent(name.substring(0, name.indexOf('.')), k -> new LinkedHashMap<>()).put(name, p));
        Map<String, Tensor> taken = new LinkedHashMap<>();
        List<String> loaded = new ArrayList<>();
        List<String> fresh = new ArrayList<>();
        for (String node : analysis.graph().nodes().stream().map(n -> n.id()).toList()) {
            Map<String, Parameter> own = byNode.get(node);
            if (own == null || own.isEmpty()) {
                continue;
            }
            boolean all = !recreate.contains(node) && own.entrySet().stream().allMatch(e -> {
                Tensor t = start.get(e.getKey());
                return t != null && Arrays.equals(t.shape(), e.getValue().getShape().getShape());
            });
            if (all) {
                own.keySet().forEach(name -> taken.put(name, start.get(name)));
                loaded.add(node);
            } else {
                fresh.add(node);
            }
        }
        return new WeightMatch(taken, loaded, fresh);
    }
}
