package dev.netloom.app.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** netloom train and netloom eval, end to end on a small generated dataset. */
class TrainCommandTest {

    @TempDir
    Path dir;

    private Path qaProject() {
        Path project = dir.resolve("qa.netloom");
        assertThat(Cli.run("new", "--template", "image-text-qa", project.toString()).code()).isZero();
        return project;
    }

    @Test
    void trainWritesAnArtifactThatEvalScoresTheSame() throws IOException {
        Path project = qaProject();
        Path model = dir.resolve("model");
        Cli train = Cli.run("train", project.toString(), "--data", "{\"source\": \"shapes-qa\", \"examples\": 300}",
                "--epochs", "1", "--out", model.toString());
        assertThat(train.code()).as(train.err()).isZero();
        assertThat(train.out()).contains("Data: Shapes QA", "epoch 1/1", "Confusion matrix", "Model written to " + model);
        assertThat(train.out()).containsPattern("Training on \\d+ examples: 1 epoch of \\d+ steps");
        assertThat(train.out()).containsPattern("Test: \\d+ examples  accuracy");
        assertThat(model.resolve("weights.safetensors")).isRegularFile();
        assertThat(model.resolve("vocab.txt")).isRegularFile();
        assertThat(Files.readString(model.resolve("graph.json"))).contains("\"examples\": 300");

        Cli eval = Cli.run("eval", model.toString());
        assertThat(eval.code()).as(eval.err()).isZero();
        String testLine = train.out().lines().filter(l -> l.startsWith("Test:")).findFirst().orElseThrow();
        assertThat(eval.out()).contains(testLine);
    }

    @Test
    void trainRecordsTheRunInTheWorkspace() throws Exception {
        Path project = qaProject();
        Path model = dir.resolve("recorded");
        Cli train = Cli.run("train", project.toString(), "--data", "{\"source\": \"shapes-qa\", \"examples\": 300}",
                "--epochs", "2", "--no-recovery", "--out", model.toString());
        assertThat(train.code()).as(train.err()).isZero();
        assertThat(train.err()).isEmpty();
        try (var workspace = dev.netloom.app.workspace.Workspace.open(dev.netloom.app.TestHome.PATH)) {
            var run = workspace.runs().runs(java.util.Optional.of(project)).get(0);
            assertThat(run.name()).isEqualTo("recorded");
            assertThat(run.status()).isEqualTo(dev.netloom.app.workspace.RunStatus.FINISHED);
            assertThat(run.artifact()).isEqualTo(model.toAbsolutePath().toString());
            assertThat(run.dataset()).startsWith("Shapes QA");
            assertThat(run.testAccuracy()).isBetween(0.0, 1.0);
            assertThat(run.settings()).contains("\"epochs\":2", "\"divergenceRecovery\":false");
            assertThat(workspace.runs().epochs(run.id())).hasSize(2);
        }
    }

    @Test
    void aBadDataSectionIsRefusedWithItsJsonPath() {
        Cli r = Cli.run("train", qaProject().toString(), "--data", "{\"source\": \"shapes-qa\", \"examples\": -5}",
                "--out", dir.resolve("m").toString());
        assertThat(r.code()).isEqualTo(ExitCode.INVALID);
        assertThat(r.err()).contains("data.examples: must be a whole number from 1 to 10000000, got -5");
        assertThat(dir.resolve("m")).doesNotExist();
    }

    @Test
    void aDatasetThatDoesNotFitTheGraphIsRefusedBeforeTraining() {
        Path project = dir.resolve("cnn.netloom");
        Cli.run("new", "--template", "small-cnn", project.toString());
        Cli r = Cli.run("train", project.toString(), "--data", "{\"source\": \"shapes-qa\", \"examples\": 100}",
                "--out", dir.resolve("m").toString());
        assertThat(r.code()).isEqualTo(ExitCode.INVALID);
        assertThat(r.err()).contains("head classes predicts 10 classes, the dataset has 9");
        assertThat(r.out()).doesNotContain("Training on");
    }

    @Test
    void anExistingOutputFolderIsRefusedUpFront() throws IOException {
        Files.createDirectories(dir.resolve("taken"));
        Cli r = Cli.run("train", qaProject().toString(), "--out", dir.resolve("taken").toString());
        assertThat(r.code()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("already exists");
    }
}
