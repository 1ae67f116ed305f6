package dev.netloom.app.studio;

import dev.netloom.graph.Units;

import dev.netloom.graph.Graph;
import dev.netloom.graph.Node;
import dev.netloom.graph.analysis.GraphAnalysis;
import dev.netloom.graph.analysis.GraphAnalyzer;
import dev.netloom.graph.catalog.LayerType;
import dev.netloom.graph.project.Project;
import dev.netloom.graph.project.Templates;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One entry of the new-project wizard: a shipped template, or the empty project.
 *
 * @param key the template's short name ({@code small-cnn}), or {@code empty}
 * @param title what the card shows in large type
 * @param description the template's own description
 * @param summary layers, parameters and inputs: "12 layers · 93K parameters · picture input"
 * @param project the project it starts
 */
public record TemplateChoice(String key, String title, String description, String summary, Project project) {

    /** The empty project first, then every template in the index's order. */
    public static List<TemplateChoice> all(Templates templates, GraphAnalyzer analyzer) {
        List<TemplateChoice> out = new ArrayList<>();
        out.add(new TemplateChoice("empty", "Empty project", "A blank canvas: drag layers from the palette.",
                "0 layers", Project.of("Untitled", Graph.EMPTY)));
        for (Templates.Template t : templates.all()) {
            GraphAnalysis a = analyzer.analyze(t.project().graph());
            out.add(new TemplateChoice(t.name(), t.project().name().isBlank() ? t.name() : t.project().name(),
                    t.project().description(), summary(a), t.project()));
        }
        return out;
    }

    /**
     * What each input layer type reads, in the wizard's words; {@code TemplateChoiceTest} fails
     * naming an input type of the catalog without one.
     */
    private static final Map<LayerType, String> INPUT_WORDS = Map.of(
            LayerType.IMAGE, "pictures",
            LayerType.TOKENS, "text",
            LayerType.TABULAR, "table rows");

    /** The wizard's word for what an input layer type reads; empty for a type that is not an input. */
    static Optional<String> inputWord(LayerType type) {
        return Optional.ofNullable(INPUT_WORDS.get(type));
    }

    private static String summary(GraphAnalysis a) {
        List<String> inputs = new ArrayList<>();
        for (Node n : a.graph().nodes()) {
            String kind = a.report(n.id()).map(r -> INPUT_WORDS.get(r.spec().layerType())).orElse(null);
            if (kind != null && !inputs.contains(kind)) {
                inputs.add(kind);
            }
        }
        return a.graph().nodes().size() + " layers  ·  " + Units.count(a.total().parameters()) + " parameters  ·  "
                + (inputs.isEmpty() ? "no input" : String.join(" + ", inputs));
    }

    /** Keys of the shipped templates the wizard must offer (the issues' lists: 1, and 17's published models). */
    public static final Set<String> EXPECTED = Set.of("small-cnn", "mobilenet-v2", "text-classifier", "image-text-qa",
            "moe-transformer", "image-text-moe", "ds-cnn-s", "mobilenet-v3-small", "efficientnet-b0", "resnet-18", "unet-segmentation");
}
