package dev.netloom.app.cli;

import dev.netloom.app.StudioServices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** netloom train and netloom eval, end to end on a small generated dataset. */
class TrainCommandTest {

    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = NetloomCommand.run(StudioServices.standard(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path qaProject() {
        Path project = dir.resolve("qa.netloom");
        assertThat(run("new", "--template", "image-text-qa", project.toString()).code()).isZero();
        return project;
    }

    @Test
    void trainWritesAnArtifactThatEvalScoresTheSame() throws IOException {
        Path project = qaProject();
        Path model = dir.resolve("model");
        Run train = run("train", project.toString(), "--data", "{\"source\": \"shapes-qa\", \"examples\": 300}",
                "--epochs", "1", "--out", model.toString());
        assertThat(train.code()).as(train.err()).isZero();
        assertThat(train.out()).contains("Data: Shapes QA", "epoch 1/1", "Confusion matrix", "Model written to " + model);
        assertThat(train.out()).containsPattern("Training on \\d+ examples: 1 epoch of \\d+ steps");
        assertThat(train.out()).containsPattern("Test: \\d+ examples  accuracy");
        assertThat(model.resolve("weights.safetensors")).isRegularFile();
        assertThat(model.resolve("vocab.txt")).isRegularFile();
        assertThat(Files.readString(model.resolve("graph.json"))).contains("\"examples\": 300");

        Run eval = run("eval", model.toString());
        assertThat(eval.code()).as(eval.err()).isZero();
        String testLine = train.out().lines().filter(l -> l.startsWith("Test:")).findFirst().orElseThrow();
        assertThat(eval.out()).contains(testLine);
    }

    @Test
    void aBadDataSectionIsRefusedWithItsJsonPath() {
        Run r = run("train", qaProject().toString(), "--data", "{\"source\": \"shapes-qa\", \"examples\": -5}",
                "--out", dir.resolve("m").toString());
        assertThat(r.code()).isEqualTo(ExitCode.INVALID);
        assertThat(r.err()).contains("data.examples: must be a whole number from 1 to 10000000, got -5");
        assertThat(dir.resolve("m")).doesNotExist();
    }

    @Test
    void aDatasetThatDoesNotFitTheGraphIsRefusedBeforeTraining() {
        Path project = dir.resolve("cnn.netloom");
        run("new", "--template", "small-cnn", project.toString());
        Run r = run("train", project.toString(), "--data", "{\"source\": \"shapes-qa\", \"examples\": 100}",
                "--out", dir.resolve("m").toString());
        assertThat(r.code()).isEqualTo(ExitCode.INVALID);
        assertThat(r.err()).contains("head classes predicts 10 classes, the dataset has 9");
        assertThat(r.out()).doesNotContain("Training on");
    }

    @Test
    void anExistingOutputFolderIsRefusedUpFront() throws IOException {
        Files.createDirectories(dir.resolve("taken"));
        Run r = run("train", qaProject().toString(), "--out", dir.resolve("taken").toString());
        assertThat(r.code()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("already exists");
    }
}
