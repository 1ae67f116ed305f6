package dev.netloom.graph.artifact;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The check every artifact reader makes first: a folder with a graph, of the format version this code reads. */
class ArtifactLayoutTest {

    @TempDir
    Path dir;

    private Path artifact(String trainingJson) throws Exception {
        Files.writeString(dir.resolve(ArtifactLayout.GRAPH), "{}");
        if (trainingJson != null) {
            Files.writeString(dir.resolve(ArtifactLayout.TRAINING), trainingJson);
        }
        return dir;
    }

    @Test
    void thisVersionOpensAndNamesItsFiles() throws Exception {
        ArtifactLayout layout = ArtifactLayout.open(artifact("{\"formatVersion\": " + ArtifactFormat.VERSION + "}"));
        assertThat(layout.weights()).isEqualTo(dir.resolve("weights.safetensors"));
        assertThat(layout.probe()).isEqualTo(dir.resolve("probe.safetensors"));
        assertThat(layout.training()).isEqualTo(dir.resolve("training.json"));
    }

    @Test
    void anArtifactWithoutTrainingJsonIsFormatOne() throws Exception {
        assertThat(ArtifactLayout.open(artifact(null)).dir()).isEqualTo(dir);
    }

    @Test
    void aNewerFormatIsRefusedNamingBothVersions() throws Exception {
        artifact("{\"formatVersion\": " + (ArtifactFormat.VERSION + 1) + "}");
        assertThatThrownBy(() -> ArtifactLayout.open(dir)).isInstanceOf(ArtifactFormatException.class)
                .hasMessage(dir.resolve("training.json") + ": this model artifact is format " + (ArtifactFormat.VERSION + 1)
                        + "; this version of netloom reads format " + ArtifactFormat.VERSION + " (it was made by a newer netloom)");
    }

    @Test
    void anOlderFormatIsRefusedNamingBothVersions() throws Exception {
        artifact("{\"formatVersion\": " + (ArtifactFormat.VERSION - 1) + "}");
        assertThatThrownBy(() -> ArtifactLayout.open(dir)).isInstanceOf(ArtifactFormatException.class)
                .hasMessage(dir.resolve("training.json") + ": this model artifact is format " + (ArtifactFormat.VERSION - 1)
                        + "; this version of netloom reads format " + ArtifactFormat.VERSION
                        + " (it was made by an older netloom; train the model again)");
    }

    @Test
    void aMissingOrWrongVersionAndBrokenJsonAreOneLineEach() throws Exception {
        artifact("{\"seed\": 1}");
        assertThatThrownBy(() -> ArtifactLayout.open(dir))
                .hasMessage(dir.resolve("training.json") + ": formatVersion: missing or not a whole number; this is not an "
                        + "artifact netloom wrote");
        Files.writeString(dir.resolve(ArtifactLayout.TRAINING), "{\"formatVersion\": 1.5}");
        assertThatThrownBy(() -> ArtifactLayout.open(dir)).hasMessageContaining("formatVersion: missing or not a whole number");
        Files.writeString(dir.resolve(ArtifactLayout.TRAINING), "{\"formatVersion\": ");
        assertThatThrownBy(() -> ArtifactLayout.open(dir)).hasMessageStartingWith(dir.resolve("training.json") + ": not valid JSON")
                .message().doesNotContain("jackson").doesNotContain("\n");
    }

    @Test
    void aFolderWithoutAGraphOrAFileIsNotAnArtifact() throws Exception {
        assertThatThrownBy(() -> ArtifactLayout.open(dir)).hasMessage(dir + ": no graph.json here; this is not a model artifact");
        Path file = Files.writeString(dir.resolve("model.onnx"), "x");
        assertThatThrownBy(() -> ArtifactLayout.open(file)).hasMessageContaining("not a folder");
        assertThat(ArtifactLayout.looksLikeOne(dir)).isFalse();
    }
}
