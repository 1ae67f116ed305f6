package dev.netloom.export;

import dev.netloom.graph.artifact.Safetensors;
import dev.netloom.graph.artifact.Tensor;
import dev.netloom.graph.catalog.LayerCatalog;
import dev.netloom.graph.project.ProjectFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading artifacts: what a complete one gives, and one line naming the file for each kind of damage. */
class ArtifactReaderTest {

    private static final String GRAPH = """
            {
              "schemaVersion": 1,
              "name": "tiny",
              "graph": {
                "nodes": [
                  {"id": "features", "type": "Tabular", "params": {"features": 2}},
                  {"id": "answer", "type": "Classification", "params": {"classes": 2}}
                ],
                "edges": [{"from": "features.out", "to": "answer.in"}]
              },
              "data": {"source": "csv", "file": "rows.csv", "label": "y"}
            }
            """;

    private final ArtifactReader reader = new ArtifactReader(new ProjectFile(LayerCatalog.standard()));

    private static Path write(Path dir) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("graph.json"), GRAPH);
        Safetensors.write(dir.resolve("weights.safetensors"), Map.of("answer.weight", Tensor.of(new float[4], 2, 2),
                "answer.bias", Tensor.of(new float[2], 2)), Map.of());
        Safetensors.write(dir.resolve("probe.safetensors"), Map.of("input.features", Tensor.of(new float[2], 1, 2),
                "output.answer", Tensor.of(new float[2], 1, 2)), Map.of());
        Files.write(dir.resolve("labels.txt"), List.of("no", "yes"));
        Files.writeString(dir.resolve("metrics.json"), "{\"test\": {\"accuracy\": 0.75}}");
        return dir;
    }

    @Test
    void readsACompleteArtifact(@TempDir Path tmp) throws Exception {
        Artifact a = reader.read(write(tmp.resolve("model")));
        assertThat(a.name()).isEqualTo("tiny");
        assertThat(a.inputIds()).containsExactly("features");
        assertThat(a.headIds()).containsExactly("answer");
        assertThat(a.labels()).containsExactly("no", "yes");
        assertThat(a.vocabulary()).isEmpty();
        assertThat(a.testAccuracy()).isEqualTo(0.75);
        assertThat(a.weights()).containsKeys("answer.weight", "answer.bias");
    }

    @Test
    void aFolderThatIsNotAnArtifactIsNamed(@TempDir Path tmp) {
        assertThatThrownBy(() -> reader.read(tmp.resolve("nowhere"))).isInstanceOf(ExportException.class)
                .hasMessageContaining("nowhere: not a folder");
        assertThatThrownBy(() -> reader.read(tmp)).hasMessageContaining("no graph.json here");
    }

    @Test
    void eachMissingFileIsNamed(@TempDir Path tmp) throws Exception {
        for (String file : List.of("weights.safetensors", "probe.safetensors", "labels.txt")) {
            Path dir = write(tmp.resolve(file + "-missing"));
            Files.delete(dir.resolve(file));
            assertThatThrownBy(() -> reader.read(dir)).isInstanceOf(ExportException.class)
                    .hasMessageContaining(file + ": missing");
        }
    }

    @Test
    void damagedFilesAreNamed(@TempDir Path tmp) throws Exception {
        Path dir = write(tmp.resolve("a"));
        Files.write(dir.resolve("weights.safetensors"), new byte[] {1, 2, 3});
        assertThatThrownBy(() -> reader.read(dir)).isInstanceOf(ExportException.class)
                .hasMessageContaining("weights.safetensors");
        Path other = write(tmp.resolve("b"));
        Files.writeString(other.resolve("metrics.json"), "{not json");
        assertThatThrownBy(() -> reader.read(other)).hasMessageContaining("metrics.json: not valid JSON");
        Path invalid = write(tmp.resolve("c"));
        Files.writeString(invalid.resolve("graph.json"), GRAPH.replace("\"classes\": 2", "\"classes\": 0"));
        assertThatThrownBy(() -> reader.read(invalid)).hasMessageContaining("graph.json");
    }

    @Test
    void anArtifactOfAnotherFormatVersionIsRefusedNamingBothVersions(@TempDir Path tmp) throws Exception {
        Path dir = write(tmp.resolve("future"));
        Files.writeString(dir.resolve("training.json"), "{\"formatVersion\": 99}");
        assertThatThrownBy(() -> reader.read(dir)).isInstanceOf(ExportException.class)
                .hasMessage(dir.resolve("training.json") + ": this model artifact is format 99; this version of netloom "
                        + "reads format 1 (it was made by a newer netloom)");
        Files.writeString(dir.resolve("training.json"), "{\"formatVersion\": \"one\"}");
        assertThatThrownBy(() -> reader.read(dir)).hasMessageContaining("training.json: formatVersion: missing or not a whole number");
        Files.writeString(dir.resolve("training.json"), "{\"formatVersion\": 1, \"seed\": 7}");
        assertThat(reader.read(dir).training().path("seed").asInt()).isEqualTo(7);
    }
}
