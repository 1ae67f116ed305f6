package dev.netloom.train.artifact;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;

/**
 * What a model artifact's training.json says about reading its data again: the seed its data was
 * split with (so reading again gives the same splits) and the folder its data section's relative
 * paths are read from. Every command and view that reads a trained model's data asks here.
 */
public final class RecordedData {

    /** The seed of artifacts that did not record one: the training section's default. */
    public static final long DEFAULT_SEED = 42;

    private RecordedData() {
    }

    /** The seed the data was split with. */
    public static long seed(JsonNode training) {
        return training.path("settings").path("seed").asLong(DEFAULT_SEED);
    }

    /** The folder the recorded data section is relative to: the trained project's, else the artifact's parent. */
    public static Path folder(JsonNode training, Path artifactDir) {
        String recorded = training.path("dataset").path("folder").asText("");
        return recorded.isEmpty() ? artifactDir.toAbsolutePath().getParent() : Path.of(recorded);
    }
}
