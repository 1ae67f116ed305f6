package dev.netloom.app.cli;

import dev.netloom.graph.artifact.Safetensors;
import dev.netloom.graph.artifact.Tensor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The {@code --start-from ARTIFACT} option of {@code train}: the weights of a trained model
 * folder, for a run to start from instead of random ones ({@code TrainingRun.startFrom}): a
 * fine-tune, for example for a precision with {@code --quantize}.
 */
final class StartFromOption {

    private StartFromOption() {
    }

    static Map<String, Tensor> weights(Path artifact) throws IOException {
        Path file = artifact.resolve("weights.safetensors");
        if (!Files.isRegularFile(file)) {
            throw new IOException("--start-from: " + artifact + " is not a model folder (it has no weights.safetensors)");
        }
        return Safetensors.readTensors(file);
    }
}
