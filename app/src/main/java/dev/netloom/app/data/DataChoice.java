package dev.netloom.app.data;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What the user picked in the Data view, as the project file's {@code data} section (the format
 * is training-engine's, see its README "Data"). Paths inside the project folder are written
 * relative to it, so a project folder can be moved with its data; others stay absolute.
 */
public sealed interface DataChoice {

    /** The {@code data} section for this choice. */
    ObjectNode section(Path projectFolder);

    /** Debian's Fashion-MNIST (dataset-fashion-mnist), its own test split. */
    record FashionMnist() implements DataChoice {
        @Override
        public ObjectNode section(Path projectFolder) {
            return source("fashion-mnist");
        }
    }

    /** Generated pictures of coloured shapes with questions about them; needs no files. */
    record ShapesQa(int examples) implements DataChoice {
        @Override
        public ObjectNode section(Path projectFolder) {
            return source("shapes-qa").put("examples", examples);
        }
    }

    /** Fashion-MNIST pictures with yes/no questions about them. */
    record FashionQa(int examples) implements DataChoice {
        @Override
        public ObjectNode section(Path projectFolder) {
            return source("fashion-qa").put("examples", examples);
        }
    }

    /** An MNIST-family pair: an idx3 pictures file and its idx1 labels file. */
    record IdxFiles(Path images, Path labels) implements DataChoice {
        @Override
        public ObjectNode section(Path projectFolder) {
            return source("idx").put("images", where(images, projectFolder)).put("labels", where(labels, projectFolder));
        }

        /** The labels file that belongs to a pictures file: "images" becomes "labels", idx3 becomes idx1. */
        public static Optional<Path> labelsBeside(Path images) {
            String name = images.getFileName().toString();
            String guess = name.replace("images", "labels").replace("idx3", "idx1");
            Path candidate = images.resolveSibling(guess);
            return !guess.equals(name) && Files.isRegularFile(candidate) ? Optional.of(candidate) : Optional.empty();
        }
    }

    /** A folder with one sub-folder of PNG or JPEG pictures per class. */
    record ImageFolder(Path folder) implements DataChoice {
        @Override
        public ObjectNode section(Path projectFolder) {
            return source("image-folder").put("folder", where(folder, projectFolder));
        }
    }

    /**
     * A folder with one sub-folder of 16-bit PCM mono WAV clips per class, read as log-mel
     * spectrograms with the reader's default settings (training-engine README).
     */
    record AudioFolder(Path folder) implements DataChoice {
        @Override
        public ObjectNode section(Path projectFolder) {
            return source("audio-folder").put("folder", where(folder, projectFolder));
        }
    }

    /** A CSV table: every column but the label column is a feature. */
    record Table(Path file, String labelColumn) implements DataChoice {
        @Override
        public ObjectNode section(Path projectFolder) {
            return source("csv").put("file", where(file, projectFolder)).put("label", labelColumn);
        }
    }

    /** Labelled texts in a CSV or JSONL file. */
    record Texts(Path file, String textColumn, String labelColumn, String tokenizer) implements DataChoice {
        @Override
        public ObjectNode section(Path projectFolder) {
            return source("text").put("file", where(file, projectFolder)).put("text", textColumn)
                    .put("label", labelColumn).put("tokenizer", tokenizer);
        }
    }

    /** A manifest: rows of picture path, text and label in CSV or JSONL. */
    record Manifest(Path file) implements DataChoice {
        @Override
        public ObjectNode section(Path projectFolder) {
            return source("manifest").put("file", where(file, projectFolder));
        }
    }

    private static ObjectNode source(String name) {
        return JsonNodeFactory.instance.objectNode().put("source", name);
    }

    private static String where(Path file, Path projectFolder) {
        Path absolute = file.toAbsolutePath().normalize();
        if (projectFolder != null) {
            Path folder = projectFolder.toAbsolutePath().normalize();
            if (absolute.startsWith(folder) && !absolute.equals(folder)) {
                // Forward slashes: the project file stays the same on every system.
                return folder.relativize(absolute).toString().replace('\\', '/');
            }
        }
        return absolute.toString();
    }
}
