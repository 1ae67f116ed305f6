package dev.netloom.app.search;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.netloom.graph.Graph;
import dev.netloom.graph.Node;
import dev.netloom.graph.block.BlockLibrary;
import dev.netloom.graph.catalog.LayerCatalog;
import dev.netloom.graph.search.SearchRules;
import dev.netloom.graph.search.Range;
import dev.netloom.graph.search.SearchSpace;
import dev.netloom.graph.search.SearchTarget;
import dev.netloom.graph.search.SearchableParameter;
import dev.netloom.hpo.Trial;
import dev.netloom.train.TrainingSection;
import dev.netloom.train.TrainingSettings;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One trial's model: the project's graph and training settings with the values the sampler chose
 * for every searchable parameter. The trial's parameter names are the targets' texts
 * ({@code node:fc1.units}, {@code training.learningRate}), so a study reads like the project.
 *
 * @param graph the graph with the chosen node parameters, as drawn (block uses not yet expanded)
 * @param settings the training settings with the chosen values
 * @param choices the chosen value per target text, in search-space order
 */
public record TrialSetup(Graph graph, TrainingSettings settings, Map<String, Object> choices) {

    /** Asks the trial for a value per searchable parameter and applies them (a graph without blocks). */
    public static TrialSetup choose(Trial trial, Graph graph, TrainingSettings settings, SearchSpace space,
                                    LayerCatalog catalog) {
        return choose(trial, graph, BlockLibrary.EMPTY, settings, space, catalog);
    }

    /**
     * Asks the trial for a value per searchable parameter and applies them to the graph as drawn: a
     * block use's repeat count, block or block parameter is set on the use, so the caller expands
     * the result ({@code BlockSection.flatten}) and checks it before training.
     */
    public static TrialSetup choose(Trial trial, Graph graph, BlockLibrary blocks, TrainingSettings settings,
                                    SearchSpace space, LayerCatalog catalog) {
        SearchRules rules = new SearchRules(catalog, blocks);
        Graph g = graph;
        ObjectNode training = TrainingSection.write(settings);
        Map<String, Object> choices = new LinkedHashMap<>();
        for (SearchableParameter p : space.parameters()) {
            String name = p.target().text();
            Object value = suggest(trial, name, p.range());
            choices.put(name, value);
            if (p.target() instanceof SearchTarget.NodeParameter np) {
                Node node = g.requireNode(np.nodeId());
                Object checked = rules.spec(np, g).check(value);
                g = g.withReplacedNode(node.withParam(np.name(), checked));
            } else if (p.target() instanceof SearchTarget.TrainingSetting ts) {
                training.set(ts.name(), new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(value));
            }
        }
        return new TrialSetup(g, TrainingSection.read(training), choices);
    }

    private static Object suggest(Trial trial, String name, Range range) {
        if (range instanceof Range.IntRange r) {
            return r.step() > 1 ? trial.suggestInt(name, r.low(), r.high(), r.step())
                    : trial.suggestInt(name, r.low(), r.high(), r.log());
        }
        if (range instanceof Range.FloatRange r) {
            return trial.suggestFloat(name, r.low(), r.high(), r.log());
        }
        return trial.suggestCategorical(name, ((Range.Choices) range).values());
    }
}
