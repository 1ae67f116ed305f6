package dev.netloom.train.artifact;

import dev.netloom.graph.artifact.Tensor;
import dev.netloom.graph.artifact.Safetensors;
import dev.netloom.graph.Graph;
import dev.netloom.graph.analysis.GraphAnalysis;
import dev.netloom.graph.analysis.GraphAnalyzer;
import dev.netloom.graph.catalog.LayerCatalog;
import dev.netloom.graph.project.Project;
import dev.netloom.graph.project.ProjectFile;
import dev.netloom.train.Evaluation;
import dev.netloom.train.TrainingRun;
import dev.netloom.train.TrainingSettings;
import dev.netloom.train.data.DataReport;
import dev.netloom.train.data.Dataset;
import dev.netloom.train.data.Examples;
import dev.netloom.train.data.Field;
import dev.netloom.train.data.FieldKind;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An artifact holds what docs/architecture.md lists, loads back, and reproduces its probe exactly. */
class ModelArtifactTest {

    private static final ProjectFile FILES = new ProjectFile(LayerCatalog.standard());
    private static Path artifact;
    private static Map<String, Tensor> trainedWeights;

    @TempDir
    static Path dir;

    private static Examples examples(int n, long seed) {
        Random r = new Random(seed);
        float[] x = new float[n * 4];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextInt(2);
            for (int j = 0; j < 4; j++) {
                x[i * 4 + j] = (float) (r.nextGaussian() + (y[i] == 1 ? 1.5 : -1.5));
            }
        }
        return new Examples(List.of(Field.floats("features", FieldKind.FEATURES, new int[] {4}, x)), y);
    }

    @BeforeAll
    static void trainAndWrite() throws Exception {
        Graph graph = FILES.parse("""
                {"schemaVersion": 1, "name": "tiny", "graph": {"nodes": [
                  {"id": "in", "type": "Tabular", "params": {"features": 4}},
                  {"id": "fc", "type": "Dense", "params": {"units": 8}},
                  {"id": "act", "type": "Activation"},
                  {"id": "head", "type": "Classification", "params": {"classes": 2}}],
                 "edges": [{"from": "in.out", "to": "fc.in"}, {"from": "fc.out", "to": "act.in"},
                           {"from": "act.out", "to": "head.in"}]}}
                """, "tiny.netloom").graph();
        GraphAnalysis analysis = new GraphAnalyzer(LayerCatalog.standard()).analyze(graph);
        Dataset data = new Dataset("toy", examples(200, 1), examples(50, 2), examples(50, 3), List.of("no", "yes"),
                Map.of("features", Map.of("mean", List.of(0, 0, 0, 0))), List.of(), "abc123", new DataReport());
        TrainingSettings settings = TrainingSettings.defaults().withEpochs(2).withBatchSize(16);
        Instant started = Instant.now();
        try (TrainingRun.Result result = new TrainingRun(analysis, data.train(), data.validation(), List.of("features"),
                settings).run()) {
            Evaluation test = Evaluation.of(result.model(), data.test(), data.classes(), 1, 5, 32);
            artifact = dir.resolve("model");
            // The end is given one recovery (as a run that diverged once would have) to check how training.json keeps it.
            var end = result.end();
            var recovered = new dev.netloom.train.TrainingListener.RunEnd(end.reason(), end.message(), end.epochsRun(),
                    end.bestValidationAccuracy(), List.of(new dev.netloom.train.TrainingListener.Recovery(7, 1,
                    Double.NaN, "the loss became NaN", 0, 1e-3, 3e-4, 1, 3)));
            ModelArtifact.write(artifact, new ModelArtifact.Contents(Project.of("tiny", graph), result.model(), data,
                    settings, recovered, result.history(), test, started, Instant.now(), null), FILES);
            trainedWeights = result.model().weights();
        }
    }

    @Test
    void holdsEveryFileOfTheFormat() {
        for (String name : List.of("graph.json", "weights.safetensors", "probe.safetensors", "preprocess.json",
                "labels.txt", "metrics.json", "training.json")) {
            assertThat(artifact.resolve(name)).as(name).isRegularFile();
        }
        assertThat(artifact.resolve("vocab.txt")).doesNotExist(); // no text input
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".")); // no temporary left
        }
        catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void trainingJsonKeepsTheRecoveriesAndTheRecoverySetting() throws IOException {
        var training = new com.fasterxml.jackson.databind.ObjectMapper().readTree(artifact.resolve("training.json").toFile());
        assertThat(training.path("settings").path("divergenceRecovery").asBoolean(false)).isTrue();
        assertThat(training.path("recoveries")).hasSize(1);
        var r = training.path("recoveries").get(0);
        assertThat(r.path("step").asInt()).isEqualTo(7);
        assertThat(r.path("cause").asText()).isEqualTo("the loss became NaN");
        assertThat(r.path("loss").asText()).isEqualTo("NaN");
        assertThat(r.path("learningRateAfter").asDouble()).isEqualTo(3e-4);
    }

    @Test
    void loadingRebuildsTheModelAndReproducesTheProbe() throws IOException {
        try (ModelArtifact.Loaded loaded = ModelArtifact.load(artifact, FILES)) {
            assertThat(loaded.model().weights()).isEqualTo(trainedWeights);
            assertThat(loaded.classes()).containsExactly("no", "yes");
            assertThat(loaded.training().get("dataset").get("fingerprint").asText()).isEqualTo("abc123");
            assertThat(loaded.training().get("settings").get("epochs").asInt()).isEqualTo(2);
            assertThat(loaded.training().get("graphSha256").asText()).hasSize(64);
            assertThat(loaded.preprocess().get("inputs").get(0).get("field").asText()).isEqualTo("features");
        }
    }

    @Test
    void aChangedWeightIsCaughtByTheProbe() throws IOException {
        Path copy = dir.resolve("tampered");
        Files.createDirectories(copy);
        try (var files = Files.list(artifact)) {
            for (Path f : files.toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        Map<String, Tensor> weights = new java.util.TreeMap<>(Safetensors.readTensors(copy.resolve("weights.safetensors")));
        float[] bias = weights.get("head.bias").floats().clone();
        bias[0] += 1e-3f;
        weights.put("head.bias", Tensor.of(bias, bias.length));
        Safetensors.write(copy.resolve("weights.safetensors"), weights, Map.of());

        assertThatThrownBy(() -> ModelArtifact.load(copy, FILES)).isInstanceOf(IOException.class)
                .hasMessageContaining("does not reproduce its probe: output.head[");
    }

    @Test
    void anArtifactOfANewerFormatIsRefusedNamingBothVersions() throws IOException {
        Path copy = dir.resolve("future");
        Files.createDirectories(copy);
        try (var files = Files.list(artifact)) {
            for (Path f : files.toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        Path training = copy.resolve("training.json");
        Files.writeString(training, Files.readString(training).replaceFirst("\"formatVersion\"\\s*:\\s*1", "\"formatVersion\" : 2"));
        assertThatThrownBy(() -> ModelArtifact.load(copy, FILES)).isInstanceOf(IOException.class)
                .hasMessage(training + ": this model artifact is format 2; this version of netloom reads format 1"
                        + " (it was made by a newer netloom)");
    }

    @Test
    void anExistingFolderIsNeverOverwritten() {
        assertThatThrownBy(() -> ModelArtifact.write(artifact, null, FILES)).hasMessageContaining("already exists");
    }
}
