package dev.netloom.graph.artifact;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The model artifact folder (docs/architecture.md, "Model artifact"): the name of each file, in
 * one place, and the check every reader makes before reading anything else — the folder is an
 * artifact, and {@code training.json}'s {@code formatVersion} is the one this code reads
 * ({@link ArtifactFormat}). The training engine writes with these names; export, the training
 * engine and the app read with them.
 *
 * @param dir the artifact folder
 */
public record ArtifactLayout(Path dir) {

    /** The project with exactly the graph that was trained. */
    public static final String GRAPH = "graph.json";
    /** Every weight as {@code nodeId.local}. */
    public static final String WEIGHTS = "weights.safetensors";
    /** A fixed batch of inputs ({@code input.NODE}) and the trained model's outputs ({@code output.HEAD}). */
    public static final String PROBE = "probe.safetensors";
    /** How each input field was made. */
    public static final String PREPROCESS = "preprocess.json";
    /** Class names, one a line, in label order. */
    public static final String LABELS = "labels.txt";
    /** Tokens in id order, when the model reads text. */
    public static final String VOCAB = "vocab.txt";
    /** The test evaluation and the history per epoch. */
    public static final String METRICS = "metrics.json";
    /** {@code formatVersion}, settings, seed, dataset, versions, machine. */
    public static final String TRAINING = "training.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The layout of {@code dir} after checking that it can be read: a folder with a graph, and a
     * {@code training.json} (if any: artifacts older than it are format 1) of this version.
     *
     * @throws ArtifactFormatException one line naming the folder or file at fault
     */
    public static ArtifactLayout open(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new ArtifactFormatException(dir + ": not a folder; give the model folder that 'netloom train --out' wrote");
        }
        ArtifactLayout layout = new ArtifactLayout(dir);
        if (!Files.exists(layout.graph())) {
            throw new ArtifactFormatException(dir + ": no " + GRAPH + " here; this is not a model artifact");
        }
        Path file = layout.training();
        if (!Files.exists(file)) {
            return layout; // artifacts written before training.json carried a version: format 1
        }
        JsonNode training;
        try {
            training = JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new ArtifactFormatException(file + ": not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ArtifactFormatException(file + ": " + e.getMessage());
        }
        JsonNode version = training == null ? null : training.path("formatVersion");
        if (version == null || !version.isInt()) {
            throw new ArtifactFormatException(file + ": formatVersion: missing or not a whole number; this is not an "
                    + "artifact netloom wrote");
        }
        String problem = ArtifactFormat.problem(version.intValue());
        if (problem != null) {
            throw new ArtifactFormatException(file + ": " + problem);
        }
        return layout;
    }

    public Path graph() {
        return dir.resolve(GRAPH);
    }

    public Path weights() {
        return dir.resolve(WEIGHTS);
    }

    public Path probe() {
        return dir.resolve(PROBE);
    }

    public Path preprocess() {
        return dir.resolve(PREPROCESS);
    }

    public Path labels() {
        return dir.resolve(LABELS);
    }

    public Path vocab() {
        return dir.resolve(VOCAB);
    }

    public Path metrics() {
        return dir.resolve(METRICS);
    }

    public Path training() {
        return dir.resolve(TRAINING);
    }

    /** Whether {@code dir} looks like a model artifact (a graph and its preprocessing), before it is opened. */
    public static boolean looksLikeOne(Path dir) {
        return Files.isRegularFile(dir.resolve(GRAPH)) && Files.isRegularFile(dir.resolve(PREPROCESS));
    }
}
