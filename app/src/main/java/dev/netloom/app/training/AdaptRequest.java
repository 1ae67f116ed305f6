package dev.netloom.app.training;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.netloom.graph.Graph;
import dev.netloom.graph.Node;
import dev.netloom.graph.analysis.GraphAnalysis;
import dev.netloom.graph.analysis.GraphAnalyzer;
import dev.netloom.graph.catalog.Category;
import dev.netloom.graph.project.Project;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * "Adapt this model": a finished run's model trained further on a picture folder (one
 * sub-folder per class, a few pictures each is enough) with some of its nodes frozen. The project
 * trained is the model's own (from its artifact) with the head set to the folder's classes.
 *
 * @param artifact the finished run's model folder
 * @param pictures the picture folder
 * @param frozen the nodes whose weights stay as the model has them
 */
public record AdaptRequest(Path artifact, Path pictures, Set<String> frozen) {

    public AdaptRequest {
        frozen = Set.copyOf(frozen);
    }

    /** The class sub-folders of the picture folder, sorted (as the image-folder source reads them). */
    public static List<String> classesIn(Path pictures) throws IOException {
        try (Stream<Path> s = Files.list(pictures)) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).filter(n -> !n.startsWith("."))
                    .sorted().toList();
        }
    }

    /** The model's project with its head predicting the folder's classes and the folder as its data. */
    Project project(Project trained, GraphAnalyzer analyzer) throws IOException {
        List<String> classes = classesIn(pictures);
        if (classes.size() < 2) {
            throw new IOException(pictures + " needs a sub-folder of pictures per class, at least two; it has "
                    + classes.size());
        }
        GraphAnalysis analysis = analyzer.analyze(trained.graph());
        Set<String> heads = Set.copyOf(analysis.reports().values().stream()
                .filter(r -> r.spec().category() == Category.HEADS).map(r -> r.node().id()).toList());
        List<Node> nodes = trained.graph().nodes().stream()
                .map(n -> heads.contains(n.id()) ? n.withParam("classes", classes.size()) : n).toList();
        ObjectNode data = JsonNodeFactory.instance.objectNode().put("source", "image-folder")
                .put("folder", pictures.toAbsolutePath().toString());
        return trained.withGraph(new Graph(nodes, trained.graph().edges())).withSection("data", data);
    }
}
