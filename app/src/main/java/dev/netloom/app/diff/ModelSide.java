package dev.netloom.app.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.netloom.graph.Graph;
import dev.netloom.graph.project.Project;
import dev.netloom.graph.project.ProjectFile;
import dev.netloom.graph.project.ProjectFormatException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * One side of a comparison, in the terms every source shares: the graph (null when not known),
 * the training settings, the data, and any other sections. A project file gives its sections;
 * a model folder gives the graph it trained and {@code training.json}'s settings and dataset
 * record (name, fingerprint, split sizes); a run gives its recorded settings and dataset, and its
 * model folder's when it has one.
 *
 * @param kind "project file", "model folder" or "run": two sides of different kinds are refused
 * @param name how the side is named in messages and column heads
 * @param graph the model's graph, or null when the side has none (a run that never wrote a model)
 * @param training the training settings (an empty object when none)
 * @param data the data: a project's data section, or a dataset record
 * @param other the remaining sections by name (search, export), compared too
 */
public record ModelSide(String kind, String name, Graph graph, JsonNode training, JsonNode data,
                        Map<String, JsonNode> other) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public ModelSide {
        training = training == null ? JSON.createObjectNode() : training;
        data = data == null ? JSON.createObjectNode() : data;
        other = Map.copyOf(other);
    }

    /**
     * A project file or a model folder, by what is at {@code path}.
     *
     * @throws IOException one line naming the path and what is wrong
     */
    public static ModelSide read(Path path, ProjectFile files) throws IOException {
        if (Files.isDirectory(path)) {
            return modelFolder(path, files);
        }
        if (!Files.isRegularFile(path)) {
            throw new IOException(path + ": no such file or folder");
        }
        try {
            Project p = files.read(path);
            Map<String, JsonNode> other = new java.util.TreeMap<>(p.sections());
            other.remove("training");
            other.remove("data");
            return new ModelSide("project file", path.toString(), p.graph(), p.sections().get("training"),
                    p.sections().get("data"), other);
        } catch (ProjectFormatException e) {
            throw new IOException(e.getMessage());
        }
    }

    /** A trained model's folder: {@code graph.json} and {@code training.json}. */
    public static ModelSide modelFolder(Path dir, ProjectFile files) throws IOException {
        Path graphFile = dir.resolve("graph.json");
        Path trainingFile = dir.resolve("training.json");
        if (!Files.isRegularFile(graphFile) || !Files.isRegularFile(trainingFile)) {
            throw new IOException(dir + ": not a model folder (it needs graph.json and training.json)");
        }
        Graph graph;
        try {
            graph = files.read(graphFile).graph();
        } catch (ProjectFormatException e) {
            throw new IOException(e.getMessage());
        }
        JsonNode training;
        try {
            training = JSON.readTree(trainingFile.toFile());
        } catch (IOException e) {
            throw new IOException(trainingFile + ": not readable JSON (" + firstLine(e.getMessage()) + ")");
        }
        if (training == null || !training.isObject()) {
            throw new IOException(trainingFile + ": expected a JSON object");
        }
        ObjectNode data = training.path("dataset").isObject()
                ? ((ObjectNode) training.get("dataset")).deepCopy() : JSON.createObjectNode();
        // Where the data was read is not what it is: the fingerprint says whether it was the same data.
        data.remove("folder");
        return new ModelSide("model folder", dir.toString(), graph, training.get("settings"), data, Map.of());
    }

    /**
     * A run from the workspace: its recorded settings and dataset (name, fingerprint), and, when it
     * wrote a model folder that is still there, the graph it trained and the dataset's split sizes.
     */
    public static ModelSide run(dev.netloom.app.workspace.RunRecord run, ProjectFile files) {
        JsonNode settings;
        try {
            settings = JSON.readTree(run.settings() == null ? "{}" : run.settings());
        } catch (IOException e) {
            settings = null; // a damaged settings column shows as a run without settings
        }
        ObjectNode data = JSON.createObjectNode();
        if (run.dataset() != null) {
            data.put("name", run.dataset());
        }
        if (run.fingerprint() != null) {
            data.put("fingerprint", run.fingerprint());
        }
        Graph graph = null;
        if (run.artifact() != null) {
            try {
                ModelSide model = modelFolder(Path.of(run.artifact()), files);
                graph = model.graph();
                model.data().fields().forEachRemaining(f -> {
                    if (!data.has(f.getKey())) {
                        data.set(f.getKey(), f.getValue());
                    }
                });
            } catch (IOException | RuntimeException e) {
                // The model folder was moved or deleted: compare what the workspace recorded.
            }
        }
        return new ModelSide("run", run.name(), graph, settings, data, Map.of());
    }

    private static String firstLine(String message) {
        String m = message == null ? "" : message;
        int nl = m.indexOf('\n');
        String line = nl < 0 ? m : m.substring(0, nl);
        int at = line.indexOf(" at [Source");
        return at < 0 ? line : line.substring(0, at);
    }
}
