package dev.netloom.graph;

import dev.netloom.graph.analysis.GraphAnalysis;
import dev.netloom.graph.analysis.GraphAnalyzer;
import dev.netloom.graph.analysis.Problem;
import dev.netloom.graph.catalog.LayerCatalog;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tiny builder for test graphs, so a test reads like the drawing it makes:
 * {@code sketch().image("img", 1, 28, 28).layer("conv", "Conv2d", "filters", 16).connect("img", "conv")}.
 * A port written without a dot means {@code out} for the source and {@code in} for the target.
 */
final class GraphSketch {

    static final GraphAnalyzer ANALYZER = new GraphAnalyzer(LayerCatalog.standard());

    private final List<Node> nodes = new ArrayList<>();
    private final List<Edge> edges = new ArrayList<>();

    private GraphSketch() {
    }

    static GraphSketch sketch() {
        return new GraphSketch();
    }

    /** A node of any type; {@code params} are name, value pairs. */
    GraphSketch layer(String id, String type, Object... params) {
        if (params.length % 2 != 0) {
            throw new IllegalArgumentException("parameters come in name, value pairs: " + Arrays.toString(params));
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < params.length; i += 2) {
            map.put((String) params[i], params[i + 1]);
        }
        nodes.add(new Node(id, type, map, new Position(nodes.size() * 100, 0), ""));
        return this;
    }

    /** An Image input giving [channels, height, width]. */
    GraphSketch image(String id, int channels, int height, int width) {
        return layer(id, "Image", "channels", channels, "height", height, "width", width);
    }

    /** A Tabular input giving the vector [features]. */
    GraphSketch vector(String id, int features) {
        return layer(id, "Tabular", "features", features);
    }

    /** A float sequence [length, width]: a Tabular input of length·width values reshaped by node {@code id}. */
    GraphSketch sequence(String id, int length, int width) {
        return vector(id + "Row", length * width)
                .layer(id, "Reshape", "shape", List.of(length, width))
                .connect(id + "Row", id);
    }

    /** A Tokens input of {@code length} ids from {@code vocabulary}. */
    GraphSketch tokens(String id, int length, int vocabulary) {
        return layer(id, "Tokens", "length", length, "vocabulary", vocabulary);
    }

    /** Joins {@code from} (an output, {@code .out} by default) to {@code to} (an input, {@code .in} by default). */
    GraphSketch connect(String from, String to) {
        edges.add(new Edge(PortRef.parse(from.contains(".") ? from : from + ".out"),
                PortRef.parse(to.contains(".") ? to : to + ".in")));
        return this;
    }

    /** Joins the nodes one after another through their {@code out} and {@code in} ports. */
    GraphSketch chain(String... ids) {
        for (int i = 1; i < ids.length; i++) {
            connect(ids[i - 1], ids[i]);
        }
        return this;
    }

    /** Ends the model after {@code from} with a Flatten and a 2-class Classification head. */
    GraphSketch endWithHead(String from) {
        return layer(from + "Flat", "Flatten")
                .layer(from + "Head", "Classification", "classes", 2)
                .chain(from, from + "Flat", from + "Head");
    }

    Graph graph() {
        return new Graph(nodes, edges);
    }

    GraphAnalysis analyze() {
        return ANALYZER.analyze(graph());
    }

    /** The one problem the analysis reports at a node; fails when there are none or several. */
    static Problem onlyProblemAt(GraphAnalysis analysis, String nodeId) {
        assertThat(analysis.problemsAt(nodeId)).as("problems at %s (all problems: %s)", nodeId, analysis.problems())
                .hasSize(1);
        return analysis.problemsAt(nodeId).get(0);
    }
}
