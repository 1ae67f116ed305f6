package dev.netloom.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.netloom.graph.artifact.Safetensors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code netloom train --teacher / --start-from / --freeze / --freeze-up-to} and the training
 * section's keys for them, end to end on small generated tables.
 */
class TrainAdaptationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** Rows of 4 numbers; the class is which of three fixed directions the row points along most. */
    private Path table(String name, String[] classes, long seed) throws IOException {
        Random r = new Random(seed);
        double[][] directions = {{2, 0, 0, -1}, {0, 2, -1, 0}, {-1, 0, 2, 1}};
        StringBuilder csv = new StringBuilder("f1,f2,f3,f4,label\n");
        for (int n = 0; n < 240; n++) {
            int c = r.nextInt(3);
            for (int i = 0; i < 4; i++) {
                csv.append(String.format(Locale.ROOT, "%.4f,", directions[c][i] + r.nextGaussian() * 0.6));
            }
            csv.append(classes[c]).append('\n');
        }
        Path file = dir.resolve(name);
        Files.writeString(file, csv);
        return file;
    }

    /** A project: in → body (Dense) → act → head, reading a CSV table; {@code training} is the section's JSON. */
    private Path project(String name, String bodyId, int width, String csv, String training) throws IOException {
        String json = """
                {"schemaVersion": 1, "name": "%s", "graph": {"nodes": [
                  {"id": "in", "type": "Tabular", "position": {"x": 0, "y": 0}, "params": {"features": 4}},
                  {"id": "%s", "type": "Dense", "position": {"x": 200, "y": 0}, "params": {"units": %d}},
                  {"id": "bn", "type": "BatchNorm", "position": {"x": 300, "y": 0}, "params": {}},
                  {"id": "act", "type": "Activation", "position": {"x": 400, "y": 0}, "params": {"function": "ReLU"}},
                  {"id": "head", "type": "Classification", "position": {"x": 600, "y": 0}, "params": {"classes": 3}}],
                 "edges": [{"from": "in.out", "to": "%s.in"}, {"from": "%s.out", "to": "bn.in"},
                           {"from": "bn.out", "to": "act.in"}, {"from": "act.out", "to": "head.in"}]},
                 "data": {"source": "csv", "file": "%s", "label": "label"},
                 "training": %s}
                """.formatted(name, bodyId, width, bodyId, bodyId, csv, training);
        Path file = dir.resolve(name + ".netloom");
        Files.writeString(file, json);
        return file;
    }

    private Path trained(String name, int width, String csv) throws IOException {
        Path model = dir.resolve(name + "-model");
        Cli r = Cli.run("train", project(name, "body", width, csv, "{\"epochs\": 3, \"learningRate\": 0.01}").toString(),
                "--out", model.toString());
        assertThat(r.code()).as(r.err()).isZero();
        return model;
    }

    private static JsonNode adaptation(Path model) throws IOException {
        return JSON.readTree(model.resolve("training.json").toFile()).path("adaptation");
    }

    @Test
    void aStudentDistilsFromATeacherAndFromAnEnsembleAndBothAreRecorded() throws Exception {
        table("abc.csv", new String[] {"a", "b", "c"}, 1);
        Path teacher = trained("teacher", 32, "abc.csv");
        Path second = trained("second", 24, "abc.csv");
        Path student = project("student", "body", 4, "abc.csv", "{\"epochs\": 2, \"learningRate\": 0.01}");

        Path one = dir.resolve("one");
        Cli r = Cli.run("train", student.toString(), "--teacher", teacher.toString(), "--temperature", "3",
                "--distill-weight", "0.6", "--out", one.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Distilling from a teacher at temperature 3, weight 0.6:",
                "teacher " + teacher.toAbsolutePath());
        assertThat(r.out()).containsPattern("teacher .*: \\d+\\.\\d\\d% on the validation split");
        JsonNode a = adaptation(one);
        assertThat(a.path("teachers").get(0).path("path").asText()).isEqualTo(teacher.toAbsolutePath().toString());
        assertThat(a.path("teachers").get(0).path("validationAccuracy").asDouble()).isBetween(0.5, 1.0);
        assertThat(a.path("temperature").asDouble()).isEqualTo(3.0);
        assertThat(a.path("distillWeight").asDouble()).isEqualTo(0.6);

        Path both = dir.resolve("both");
        r = Cli.run("train", student.toString(), "--teacher", teacher + "," + second, "--out", both.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("an ensemble of 2 teachers (soft targets averaged) at temperature 4, weight 0.5");
        assertThat(adaptation(both).path("teachers")).hasSize(2);

        try (var workspace = dev.netloom.app.workspace.Workspace.open(dev.netloom.app.TestHome.PATH)) {
            var run = workspace.runs().runs(java.util.Optional.of(student)).stream()
                    .filter(x -> x.name().equals("one")).findFirst().orElseThrow();
            assertThat(run.settings()).contains("\"teacher\":\"" + teacher.toAbsolutePath(), "\"temperature\":3.0",
                    "\"distillWeight\":0.6");
        }
    }

    @Test
    void aTeacherWhoseClassesDifferIsRefusedWithTheReason() throws Exception {
        table("abc.csv", new String[] {"a", "b", "c"}, 1);
        table("def.csv", new String[] {"d", "e", "f"}, 2);
        Path teacher = trained("teacher", 16, "def.csv");
        Path out = dir.resolve("m");
        Cli r = Cli.run("train", project("student", "body", 4, "abc.csv", "{}").toString(),
                "--teacher", teacher.toString(), "--out", out.toString());
        assertThat(r.code()).isEqualTo(ExitCode.INVALID);
        assertThat(r.err()).contains("teacher " + teacher.toAbsolutePath() + " cannot teach this model: its head "
                + "predicts 3 classes (d, e, f), the data has 3 (a, b, c); a teacher needs the same classes");
        assertThat(r.out()).doesNotContain("Training on");
        assertThat(out).doesNotExist();
    }

    @Test
    void fineTuningLoadsMatchingNodesFreezesTheBodyAndRecreatesAHeadForNewClasses() throws Exception {
        table("abc.csv", new String[] {"a", "b", "c"}, 1);
        table("def.csv", new String[] {"d", "e", "f"}, 2);
        Path base = trained("base", 16, "abc.csv");
        Path tuned = dir.resolve("tuned");
        Cli r = Cli.run("train", project("new", "body", 16, "def.csv", "{\"epochs\": 2}").toString(),
                "--start-from", base.toString(), "--freeze", "body,bn", "--out", tuned.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Starting from " + base.toAbsolutePath() + ":", "loaded (2): body, bn",
                "new (1): head", "frozen (2): body, bn",
                "head head re-created for this data's 3 classes (d, e, f); the start model's were a, b, c");
        JsonNode a = adaptation(tuned);
        assertThat(a.path("startFrom").asText()).isEqualTo(base.toAbsolutePath().toString());
        assertThat(a.path("frozen").toString()).isEqualTo("[\"body\",\"bn\"]");
        assertThat(a.path("new").toString()).isEqualTo("[\"head\"]");
        var before = Safetensors.read(base.resolve("weights.safetensors")).tensors();
        var after = Safetensors.read(tuned.resolve("weights.safetensors")).tensors();
        for (String w : new String[] {"body.weight", "body.bias", "bn.runningMean", "bn.runningVariance", "bn.gamma"}) {
            assertThat(after.get(w)).as(w).isEqualTo(before.get(w));
        }
        assertThat(after.get("head.weight")).isNotEqualTo(before.get("head.weight"));

        // --freeze-up-to act: act and every node before it, that is body and bn.
        Path upTo = dir.resolve("up-to");
        r = Cli.run("train", project("new", "body", 16, "def.csv", "{\"epochs\": 1}").toString(),
                "--start-from", base.toString(), "--freeze-up-to", "act", "--out", upTo.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("frozen (2): body, bn");
    }

    @Test
    void aStartModelWhoseWeightsFitNothingIsRefused() throws Exception {
        table("abc.csv", new String[] {"a", "b", "c"}, 1);
        Path base = trained("base", 16, "abc.csv");
        // Another body id, another width for bn: no node has the same id and shapes; the head alone does not count.
        Path other = project("other", "trunk", 8, "abc.csv", "{}");
        Cli r = Cli.run("train", other.toString(), "--start-from", base.toString(), "--out", dir.resolve("m").toString());
        assertThat(r.code()).isEqualTo(ExitCode.INVALID);
        assertThat(r.err()).contains("start model " + base.toAbsolutePath() + ": none of its weights fit this graph");
    }

    @Test
    void optionsThatCannotWorkAreRefusedBeforeAnythingIsRead() throws Exception {
        table("abc.csv", new String[] {"a", "b", "c"}, 1);
        Path p = project("p", "body", 4, "abc.csv", "{}");
        Path out = dir.resolve("m");
        Cli r = Cli.run("train", p.toString(), "--freeze", "body", "--out", out.toString());
        assertThat(r.code()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("--freeze needs --start-from");
        r = Cli.run("train", p.toString(), "--temperature", "2", "--out", out.toString());
        assertThat(r.err()).contains("--temperature applies only to distillation");
        r = Cli.run("train", p.toString(), "--teacher", "t", "--distill-weight", "1.5", "--out", out.toString());
        assertThat(r.err()).contains("--distill-weight: must be in [0, 1], got 1.5");
        r = Cli.run("train", p.toString(), "--teacher", dir.resolve("nowhere").toString(), "--out", out.toString());
        assertThat(r.code()).isEqualTo(ExitCode.INVALID);
        assertThat(r.err()).contains("teacher " + dir.resolve("nowhere") + ": not a model folder");

        Path base = trained("base", 16, "abc.csv");
        Path q = project("q", "body", 16, "abc.csv", "{\"epochs\": 1}");
        r = Cli.run("train", q.toString(), "--start-from", base.toString(), "--freeze", "nope", "--out", out.toString());
        assertThat(r.err()).contains("cannot freeze nope: the graph has no such node (nodes: in, body, bn, act, head)");
        // A table of other classes: the head is re-created, so it cannot be frozen.
        table("def.csv", new String[] {"d", "e", "f"}, 2);
        r = Cli.run("train", project("r", "body", 16, "def.csv", "{}").toString(), "--start-from", base.toString(),
                "--freeze", "head", "--out", out.toString());
        assertThat(r.err()).contains("cannot freeze head: its weights are new");
        assertThat(out).doesNotExist();
    }

    @Test
    void theTrainingSectionHoldsTheTeacherAndBadKeysAreRefusedWithTheirPath() throws Exception {
        table("abc.csv", new String[] {"a", "b", "c"}, 1);
        trained("teacher", 16, "abc.csv");
        Path p = project("s", "body", 4, "abc.csv",
                "{\"epochs\": 1, \"teacher\": \"teacher-model\", \"temperature\": 2, \"distillWeight\": 0.9}");
        assertThat(Cli.run("validate", p.toString()).code()).isZero();
        Path out = dir.resolve("m");
        Cli r = Cli.run("train", p.toString(), "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Distilling from a teacher at temperature 2, weight 0.9:");
        assertThat(adaptation(out).path("teachers").get(0).path("path").asText())
                .isEqualTo(dir.resolve("teacher-model").toAbsolutePath().toString());

        Cli bad = Cli.run("validate", project("b1", "body", 4, "abc.csv", "{\"temperature\": 2}").toString());
        assertThat(bad.err()).contains("training.temperature: applies only to distillation; set training.teacher too");
        bad = Cli.run("validate", project("b2", "body", 4, "abc.csv",
                "{\"startFrom\": \"x\", \"freeze\": \"body\"}").toString());
        assertThat(bad.err()).contains("training.freeze: must be a list of node ids, got \"body\"");
        bad = Cli.run("validate", project("b3", "body", 4, "abc.csv", "{\"freezeUpTo\": \"act\"}").toString());
        assertThat(bad.err()).contains("training.freezeUpTo: needs startFrom");
        bad = Cli.run("validate", project("b4", "body", 4, "abc.csv", "{\"teacher\": [\"a\", 3]}").toString());
        assertThat(bad.err()).contains("training.teacher[1]: must be text, got 3");
    }
}
