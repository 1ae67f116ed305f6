package dev.netloom.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code netloom predict} on a table model trained here: CSV files, rows typed inline, JSON lines,
 * bad inputs; the same answers from the model artifact (training engine) and its FP32 bundle (ONNX
 * Runtime with the manifest's preprocessing), and the same accuracy as {@code netloom eval --all}.
 */
class PredictCommandTest {

    @TempDir
    static Path dir;

    private static Path model;
    private static Path bundle;
    private static Path fresh;

    /** Rows x, y (numbers), colour (a category), label: "hi" when x + y > shift, else "lo". */
    private static String rows(int count, double shift, long seed) {
        Random random = new Random(seed);
        StringBuilder csv = new StringBuilder("x,y,colour,label\n");
        String[] colours = {"red", "green", "blue"};
        for (int i = 0; i < count; i++) {
            double x = shift + random.nextGaussian() * 2;
            double y = random.nextGaussian();
            csv.append(String.format(Locale.ROOT, "%.3f,%.3f,%s,%s%n", x, y, colours[i % 3],
                    x + y > shift ? "hi" : "lo"));
        }
        return csv.toString();
    }

    @BeforeAll
    static void trainAndExport() throws IOException {
        Files.writeString(dir.resolve("train.csv"), rows(300, 0, 1));
        fresh = dir.resolve("fresh.csv");
        Files.writeString(fresh, rows(40, 0.5, 2));
        Path project = dir.resolve("table.netloom");
        Files.writeString(project, """
                {"schemaVersion": 1, "name": "table", "graph": {"nodes": [
                  {"id": "row", "type": "Tabular", "params": {"features": 5}},
                  {"id": "fc", "type": "Dense", "params": {"units": 16}},
                  {"id": "act", "type": "Activation"},
                  {"id": "head", "type": "Classification", "params": {"classes": 2}}],
                 "edges": [{"from": "row.out", "to": "fc.in"}, {"from": "fc.out", "to": "act.in"},
                           {"from": "act.out", "to": "head.in"}]},
                 "data": {"source": "csv", "file": "train.csv"},
                 "training": {"epochs": 10, "batchSize": 16, "seed": 3, "threads": 1}}
                """);
        model = dir.resolve("model");
        Cli train = Cli.run("train", project.toString(), "--out", model.toString());
        assertThat(train.code()).as(train.err()).isZero();
        bundle = dir.resolve("bundle");
        Cli export = Cli.run("export", model.toString(), "--device", "raspberry-pi-5", "--precision", "fp32", "--out",
                bundle.toString(), "--signing-key-dir", dir.resolve("keys").toString(), "--devices-dir",
                dir.resolve("devices").toString());
        assertThat(export.code()).as(export.err()).isZero();
    }

    private static List<JsonNode> json(Cli r) {
        assertThat(r.code()).as(r.err()).isZero();
        ObjectMapper mapper = new ObjectMapper();
        return r.out().lines().map(l -> {
            try {
                return mapper.readTree(l);
            } catch (IOException e) {
                throw new AssertionError(l, e);
            }
        }).toList();
    }

    @Test
    void aCsvFileGetsOnePredictionPerRowAndTheirAccuracyIsEvals() throws IOException {
        Cli r = Cli.run("predict", model.toString(), fresh.toString(), "--top", "1");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("it reads a table row (x, y, colour)");
        List<String> lines = r.out().lines().filter(l -> l.startsWith(fresh + ":")).toList();
        assertThat(lines).hasSize(40);
        List<String> labels = Files.readAllLines(fresh).stream().skip(1).map(l -> l.substring(l.lastIndexOf(',') + 1))
                .toList();
        int right = 0;
        for (int i = 0; i < 40; i++) {
            assertThat(lines.get(i)).startsWith(fresh + ":" + (i + 2) + ": ").matches(".*: (hi|lo) \\d+\\.\\d%");
            if (lines.get(i).contains(": " + labels.get(i) + " ")) {
                right++;
            }
        }
        Cli eval = Cli.run("eval", model.toString(), "--all", "--data", "{\"source\": \"csv\", \"file\": \"" + fresh + "\"}");
        assertThat(eval.code()).as(eval.err()).isZero();
        assertThat(eval.out()).contains(String.format(Locale.ROOT, "All: 40 examples  accuracy %.2f%%", right * 100.0 / 40));
    }

    @Test
    void evalOfNewDataWithOnlySomeOfTheClassesNeedsNoClassesSettingAndGivesNoTrainingAdvice() throws IOException {
        Path only = dir.resolve("only-hi.csv");
        Files.writeString(only, "x,y,colour,label\n2.5,1.0,red,hi\n3.0,0.5,blue,hi\n1.5,2.0,green,hi\n");
        Cli eval = Cli.run("eval", model.toString(), "--all", "--data", "{\"source\": \"csv\", \"file\": \"" + only + "\"}");
        assertThat(eval.code()).as(eval.err()).isZero();
        assertThat(eval.out()).contains("All: 3 examples  accuracy").doesNotContain("set its classes");
        assertThat(eval.err()).isEmpty();
    }

    @Test
    void aRowTypedByNameOrInOrderGivesTheSameAnswer() {
        Cli named = Cli.run("predict", model.toString(), "colour=red,x=1.5,y=-0.25", "--json", "--top", "2");
        Cli ordered = Cli.run("predict", model.toString(), "1.5,-0.25,red", "--json", "--top", "2");
        JsonNode a = json(named).get(0);
        JsonNode b = json(ordered).get(0);
        assertThat(a.path("input").asText()).isEqualTo("colour=red,x=1.5,y=-0.25");
        assertThat(a.path("top")).hasSize(2);
        assertThat(a.path("top")).isEqualTo(b.path("top"));
        double sum = a.path("top").get(0).path("probability").asDouble() + a.path("top").get(1).path("probability").asDouble();
        assertThat(sum).isCloseTo(1.0, within(1e-9));
        assertThat(a.path("top").get(0).path("class").asText()).isEqualTo("hi");
    }

    @Test
    void theBundleGivesTheArtifactsAnswersThroughOnnxRuntime() {
        List<JsonNode> engine = json(Cli.run("predict", model.toString(), fresh.toString(), "--json", "--top", "2"));
        Cli viaBundle = Cli.run("predict", bundle.toString(), fresh.toString(), "--json", "--top", "2");
        List<JsonNode> onnx = json(viaBundle);
        assertThat(onnx).hasSize(40);
        for (int i = 0; i < 40; i++) {
            for (int k = 0; k < 2; k++) {
                JsonNode e = engine.get(i).path("top").get(k);
                JsonNode o = onnx.get(i).path("top").get(k);
                if (Math.abs(e.path("probability").asDouble() - 0.5) > 1e-3) {
                    assertThat(o.path("class").asText()).isEqualTo(e.path("class").asText());
                }
                assertThat(o.path("probability").asDouble()).isCloseTo(e.path("probability").asDouble(), within(1e-4));
            }
        }
        Cli text = Cli.run("predict", bundle.toString(), "1.5,-0.25,red");
        assertThat(text.out()).contains("ONNX Runtime, fp32");
    }

    @Test
    void badInputsAreOneLineNamingTheInput() {
        Cli unknownColumn = Cli.run("predict", model.toString(), "x=1,z=2");
        assertThat(unknownColumn.code()).isEqualTo(ExitCode.INVALID);
        assertThat(unknownColumn.err().strip()).isEqualTo(
                "netloom predict: x=1,z=2: no column \"z\" (the model's columns: x, y, colour)");
        Cli tooFew = Cli.run("predict", model.toString(), "1,2");
        assertThat(tooFew.err().strip()).isEqualTo(
                "netloom predict: 1,2: 2 values, the model reads 3 columns (x, y, colour)");
        Cli missing = Cli.run("predict", model.toString(), dir.resolve("missing.csv").toString());
        assertThat(missing.err().strip()).isEqualTo("netloom predict: " + dir.resolve("missing.csv") + ": no such file");
        Cli category = Cli.run("predict", bundle.toString(), "1,2,purple");
        assertThat(category.err().strip()).isEqualTo("netloom predict: 1,2,purple: column \"colour\": \"purple\" is not "
                + "a category the model knows (blue, green, red)");
        Cli categoryEngine = Cli.run("predict", model.toString(), "1,2,purple");
        assertThat(categoryEngine.err().strip()).isEqualTo("netloom predict: 1,2,purple: unknown category \"purple\" "
                + "in column \"colour\" (not in the training split)");
        Cli notAModel = Cli.run("predict", dir.toString(), "1,2,red");
        assertThat(notAModel.err().strip()).isEqualTo("netloom predict: " + dir
                + ": neither a model artifact (graph.json, preprocess.json) nor a bundle (manifest.json)");
        Cli noInput = Cli.run("predict", model.toString());
        assertThat(noInput.code()).isEqualTo(ExitCode.USAGE);
    }
}
