package dev.netloom.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code netloom eval --all --data NEW}: a model trained on pictures A scores a separate file B
 * whose pictures are much brighter (other statistics) exactly as the training engine scored the
 * same pictures as its test split, because B is read with the model's normalisation.
 */
class EvalNewDataTest {

    @TempDir
    static Path dir;

    private static Path model;
    private static String trainTestLine;

    /**
     * Trains on A with B as the source's own test split. The batch (64) holds all 60 test examples,
     * as eval's batch does, so both score them in one identical forward pass on any CPU.
     */
    @BeforeAll
    static void trainOnA() throws IOException {
        BlockPictures.write(dir, "a", 240, 0, 1);
        BlockPictures.write(dir, "b", 60, 70, 2);
        Path project = dir.resolve("blocks.netloom");
        Files.writeString(project, """
                {"schemaVersion": 1, "name": "blocks", "graph": {"nodes": [
                  {"id": "image", "type": "Image", "params": {"height": 8, "width": 8, "channels": 1}},
                  {"id": "flat", "type": "Flatten"},
                  {"id": "fc", "type": "Dense", "params": {"units": 16}},
                  {"id": "act", "type": "Activation"},
                  {"id": "head", "type": "Classification", "params": {"classes": 2}}],
                 "edges": [{"from": "image.out", "to": "flat.in"}, {"from": "flat.out", "to": "fc.in"},
                           {"from": "fc.out", "to": "act.in"}, {"from": "act.out", "to": "head.in"}]},
                 "data": {"source": "idx", "images": "a-images", "labels": "a-labels", "testImages": "b-images",
                          "testLabels": "b-labels", "classes": ["left", "right"], "validationFraction": 0.1},
                 "training": {"epochs": 12, "batchSize": 64, "seed": 5, "threads": 1}}
                """);
        model = dir.resolve("model");
        Cli train = Cli.run("train", project.toString(), "--out", model.toString());
        assertThat(train.code()).as(train.err()).isZero();
        trainTestLine = train.out().lines().filter(l -> l.startsWith("Test:")).findFirst().orElseThrow();
    }

    private static String data(String classes) {
        return "{\"source\": \"idx\", \"images\": \"" + dir.resolve("b-images") + "\", \"labels\": \""
                + dir.resolve("b-labels") + "\", \"classes\": " + classes + "}";
    }

    /** "60 examples  accuracy 65.00%  top-2 100.00%  macro F1 0.601  loss 0.6435" of a report line. */
    private static String scores(String line) {
        Matcher m = Pattern.compile("([\\d,]+ examples  accuracy [\\d.]+%  top-\\d+ [\\d.]+%  macro F1 [\\d.]+  loss [\\d.]+)")
                .matcher(line);
        assertThat(m.find()).as(line).isTrue();
        return m.group(1);
    }

    @Test
    void newDataWithOtherStatisticsScoresAsTheTrainingEnginesTestSplitDid() throws IOException {
        // B's own statistics are far from the model's: recomputing them would feed the model other numbers.
        JsonNode pre = new ObjectMapper().readTree(model.resolve("preprocess.json").toFile());
        double modelMean = pre.path("fields").path("image").path("mean").get(0).asDouble();
        assertThat(modelMean).isLessThan(0.25);
        Cli eval = Cli.run("eval", model.toString(), "--all", "--data", data("[\"left\", \"right\"]"));
        assertThat(eval.code()).as(eval.err()).isZero();
        String all = eval.out().lines().filter(l -> l.startsWith("All:")).findFirst().orElseThrow();
        assertThat(scores(all)).startsWith("60 examples").isEqualTo(scores(trainTestLine));
        assertThat(eval.out()).doesNotContain("set its classes");

        // What the command did before: statistics learned from B itself. The model then sees other
        // numbers and scores differently, so the equality above is not a coincidence.
        try (var loaded = dev.netloom.train.artifact.ModelArtifact.load(model,
                dev.netloom.app.StudioServices.standard(dir).projectFile())) {
            var section = dev.netloom.train.data.DataSources.unsplit(new ObjectMapper().readTree(data("[\"left\", \"right\"]")));
            var own = dev.netloom.train.data.DataSources.reader(section, dir).read(
                    dev.netloom.train.data.InputBinding.request(loaded.model().analysis(), 5));
            var e = dev.netloom.train.Evaluation.of(loaded.model(), own.train(), loaded.classes(), 2, 0, 256);
            assertThat(String.format(java.util.Locale.ROOT, "accuracy %.2f%%", e.accuracy() * 100))
                    .isNotEqualTo(scores(trainTestLine).replaceAll(".*(accuracy [\\d.]+%).*", "$1"));
        }
    }

    @Test
    void examplesOfAClassTheModelDoesNotKnowAreSkippedAndCounted() {
        Cli eval = Cli.run("eval", model.toString(), "--all", "--data", data("[\"left\", \"middle\"]"));
        assertThat(eval.code()).as(eval.err()).isZero();
        assertThat(eval.out()).contains("skipped 30", "class \"middle\" is not one the model knows");
        assertThat(eval.out()).containsPattern("All: 30 examples  accuracy");
    }

    @Test
    void dataNoneOfWhoseClassesTheModelKnowsIsRefusedInOneLine() {
        Cli eval = Cli.run("eval", model.toString(), "--all", "--data", data("[\"up\", \"down\"]"));
        assertThat(eval.code()).isEqualTo(ExitCode.INVALID);
        assertThat(eval.err().strip()).isEqualTo("netloom eval: " + dir.resolve("b-labels")
                + ": none of its classes (down, up) is one the model knows (left, right)");
    }

    @Test
    void allAndSplitTogetherAreAUsageError() {
        Cli eval = Cli.run("eval", model.toString(), "--all", "--split", "test");
        assertThat(eval.code()).isEqualTo(ExitCode.USAGE);
    }
}
