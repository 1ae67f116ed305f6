package dev.netloom.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.netloom.graph.analysis.GraphAnalysis;
import dev.netloom.graph.analysis.GraphAnalyzer;
import dev.netloom.graph.artifact.ArtifactFormatException;
import dev.netloom.graph.artifact.ArtifactLayout;
import dev.netloom.graph.artifact.Safetensors;
import dev.netloom.graph.artifact.Tensor;
import dev.netloom.graph.project.Project;
import dev.netloom.graph.project.ProjectFile;
import dev.netloom.graph.project.ProjectFormatException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Reads a model artifact folder for export, opened through {@link ArtifactLayout} (which refuses
 * another format version). Every problem is one line naming the file: a folder that is not an
 * artifact, a graph that does not validate, unreadable weights. Whether each
 * tensor fits the graph is checked tensor by tensor while the ONNX graph is written
 * ({@link dev.netloom.export.onnx.Weights}).
 */
public final class ArtifactReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ProjectFile files;

    public ArtifactReader(ProjectFile files) {
        this.files = files;
    }

    /** Reads {@code dir}; throws {@link ExportException} naming the file at fault. */
    public Artifact read(Path dir) {
        ArtifactLayout layout;
        try {
            layout = ArtifactLayout.open(dir);
        } catch (ArtifactFormatException e) {
            throw new ExportException(e.getMessage(), e);
        }
        Path graphFile = layout.graph();
        Project project;
        try {
            project = files.read(graphFile);
        } catch (ProjectFormatException e) {
            throw new ExportException(e.getMessage(), e);
        }
        GraphAnalysis analysis = new GraphAnalyzer(files.catalog()).analyze(project.graph());
        if (!analysis.isValid()) {
            throw new ExportException(graphFile + ": the graph is not valid: " + analysis.problems().get(0));
        }
        JsonNode training = json(layout.training());
        Map<String, Tensor> weights = tensors(layout.weights());
        Map<String, Tensor> probe = tensors(layout.probe());
        List<String> labels = lines(layout.labels(), true);
        List<String> vocabulary = lines(layout.vocab(), false);
        return new Artifact(dir, project, analysis, weights, probe, labels, vocabulary,
                json(layout.preprocess()), json(layout.metrics()), training);
    }

    private static Map<String, Tensor> tensors(Path file) {
        if (!Files.exists(file)) {
            throw new ExportException(file + ": missing; the artifact is incomplete");
        }
        try {
            return Safetensors.readTensors(file);
        } catch (IOException e) {
            throw new ExportException(e.getMessage(), e);
        }
    }

    private static List<String> lines(Path file, boolean required) {
        if (!Files.exists(file)) {
            if (required) {
                throw new ExportException(file + ": missing; the artifact is incomplete");
            }
            return List.of();
        }
        try {
            List<String> lines = new java.util.ArrayList<>(Files.readAllLines(file));
            if (!lines.isEmpty() && lines.get(0).startsWith("\uFEFF")) {
                lines.set(0, lines.get(0).substring(1)); // a byte-order mark from an editor is not part of the first label
            }
            return lines;
        } catch (IOException e) {
            throw new ExportException(file + ": " + e.getMessage(), e);
        }
    }

    private static JsonNode json(Path file) {
        if (!Files.exists(file)) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new ExportException(file + ": not valid JSON: " + e.getMessage(), e);
        }
    }
}
