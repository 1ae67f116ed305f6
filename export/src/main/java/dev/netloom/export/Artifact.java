package dev.netloom.export;

import com.fasterxml.jackson.databind.JsonNode;
import dev.netloom.graph.analysis.GraphAnalysis;
import dev.netloom.graph.artifact.Tensor;
import dev.netloom.graph.catalog.Category;
import dev.netloom.graph.project.Project;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A model artifact as export reads it (docs/architecture.md, "Model artifact"): the trained graph,
 * its weights and probe batch, and the files that describe its data. Read by {@link ArtifactReader}
 * without DJL.
 *
 * @param dir the artifact folder
 * @param project the project with exactly the graph that was trained
 * @param analysis the graph's analysis (valid)
 * @param weights every weight by {@code nodeId.local}
 * @param probe probe inputs ({@code input.NODE}) and the training engine's outputs ({@code output.HEAD})
 * @param labels class names in label order
 * @param vocabulary tokens in id order; empty without text
 * @param preprocess preprocess.json
 * @param metrics metrics.json (the FP32 test evaluation)
 * @param training training.json
 */
public record Artifact(Path dir, Project project, GraphAnalysis analysis, Map<String, Tensor> weights,
                       Map<String, Tensor> probe, List<String> labels, List<String> vocabulary, JsonNode preprocess,
                       JsonNode metrics, JsonNode training) {

    /** Input node ids in graph order: the model's inputs, in the order the artifact feeds them. */
    public List<String> inputIds() {
        return idsOf(Category.INPUTS);
    }

    /** Head node ids in graph order: the model's outputs. */
    public List<String> headIds() {
        return idsOf(Category.HEADS);
    }

    /** The model's name for people: the project name, or the artifact folder's. */
    public String name() {
        return project.name().isBlank() ? dir.getFileName().toString() : project.name();
    }

    /** SHA-256 of {@code graph.json}, in lower-case hexadecimal: the exact graph that was trained. */
    public String graphSha256() {
        Path file = dir.resolve(dev.netloom.graph.artifact.ArtifactLayout.GRAPH);
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(java.nio.file.Files.readAllBytes(file)));
        } catch (java.io.IOException e) {
            throw new ExportException(file + ": " + e.getMessage(), e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** The FP32 test accuracy the training engine measured, or NaN if the artifact has none. */
    public double testAccuracy() {
        JsonNode a = metrics.path("test").path("accuracy");
        return a.isNumber() ? a.asDouble() : Double.NaN;
    }

    private List<String> idsOf(Category category) {
        return project.graph().nodes().stream()
                .filter(n -> analysis.report(n.id()).map(r -> r.spec().category() == category).orElse(false))
                .map(n -> n.id()).toList();
    }
}
