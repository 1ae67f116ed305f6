package dev.netloom.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.netloom.graph.Precision;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code --quantize} option of {@code train}: a precision word for the whole model
 * ({@code int4}, {@code int2}, ...) or a plan, as a {@code quantization} section in JSON text
 * ({@code '{"precision": "int2", "nodes": {"conv1": "int8"}}'}) or a file holding one. The
 * section is then checked against the graph like the project's own (docs/project-file.md).
 */
final class QuantizeOption {

    private QuantizeOption() {
    }

    static JsonNode parse(String value) throws IOException {
        ObjectMapper json = new ObjectMapper();
        String trimmed = value.trim();
        if (Precision.parse(trimmed).isPresent()) {
            return json.createObjectNode().put("precision", trimmed.toLowerCase(java.util.Locale.ROOT));
        }
        if (trimmed.startsWith("{")) {
            try {
                return json.readTree(trimmed);
            } catch (IOException e) {
                throw new IOException("--quantize: not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
            }
        }
        Path file = Path.of(trimmed);
        if (Files.isRegularFile(file)) {
            try {
                return json.readTree(file.toFile());
            } catch (IOException e) {
                throw new IOException(file + ": not a valid quantization section: "
                        + e.getMessage().lines().findFirst().orElse(""));
            }
        }
        throw new IOException("--quantize: \"" + trimmed + "\" is neither a precision (" + Precision.words()
                + "), a quantization section in JSON, nor a file holding one");
    }
}
