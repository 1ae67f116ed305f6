package dev.netloom.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.netloom.train.data.DataSources;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code --data} option of {@code train} and {@code eval}: a data section as JSON text
 * ({@code '{"source": "csv", "file": "iris.csv", "label": "species"}'}), a file holding one, or
 * the name of a source that needs no settings ({@code shapes-qa}, {@code fashion-mnist},
 * {@code fashion-qa}).
 */
final class DataOption {

    private DataOption() {
    }

    static JsonNode parse(String value) throws IOException {
        ObjectMapper json = new ObjectMapper();
        String trimmed = value.trim();
        if (trimmed.startsWith("{")) {
            try {
                return json.readTree(trimmed);
            } catch (IOException e) {
                throw new IOException("--data: not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
            }
        }
        Path file = Path.of(trimmed);
        if (Files.isRegularFile(file)) {
            try {
                return json.readTree(file.toFile());
            } catch (IOException e) {
                throw new IOException(file + ": not a valid data section: " + e.getMessage().lines().findFirst().orElse(""));
            }
        }
        if (DataSources.SOURCES.contains(trimmed)) {
            return json.createObjectNode().put("source", trimmed);
        }
        throw new IOException("--data: \"" + trimmed + "\" is neither JSON, a file, nor a source name ("
                + String.join(", ", DataSources.SOURCES) + ")");
    }
}
