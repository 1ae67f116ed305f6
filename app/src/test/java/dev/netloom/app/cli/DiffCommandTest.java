package dev.netloom.app.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code netloom diff}: two project files, two model folders, and what it refuses. */
class DiffCommandTest {

    @TempDir
    Path dir;

    /** A small-cnn project with a training section and, optionally, one layer changed. */
    private Path project(String name, int epochs, boolean wider) throws Exception {
        Path file = dir.resolve(name + ".netloom");
        assertThat(Cli.run("new", "--template", "small-cnn", "--force", file.toString()).code()).isZero();
        String text = Files.readString(file);
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        var root = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(text);
        root.putObject("training").put("epochs", epochs).put("learningRate", 0.002);
        root.putObject("data").put("source", "shapes-qa").put("examples", epochs == 5 ? 4000 : 600);
        if (wider) {
            for (var n : root.path("graph").path("nodes")) {
                if (n.path("type").asText().equals("Dense")) {
                    ((com.fasterxml.jackson.databind.node.ObjectNode) n.path("params")).put("units", 256);
                    break;
                }
            }
        }
        Files.writeString(file, json.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        return file;
    }

    @Test
    void twoProjectFilesListTheirTrainingDataAndGraphDifferences() throws Exception {
        Path a = project("a", 5, false);
        Path b = project("b", 8, true);

        Cli r = Cli.run("diff", a.toString(), b.toString());

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Training settings: 1 differ", "  epochs: 5 → 8",
                "Data: 1 differ", "  examples: 4000 → 600",
                "Graph: 1 node changed", "(Dense): units:",
                "1 training setting, the data and the graph differ.");
    }

    @Test
    void aProjectAgainstItselfHasNoDifferences() throws Exception {
        Path a = project("a", 5, false);
        Cli r = Cli.run("diff", a.toString(), a.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Training settings: same", "Data: same", "Graph: no differences", "No differences.");
    }

    @Test
    void twoModelFoldersCompareTheGraphTheSettingsAndTheDatasetRecord() throws Exception {
        Path a = project("a", 5, false);
        Path b = project("b", 5, true);
        Path m1 = Files.createDirectories(dir.resolve("m1"));
        Path m2 = Files.createDirectories(dir.resolve("m2"));
        Files.copy(a, m1.resolve("graph.json"));
        Files.copy(b, m2.resolve("graph.json"));
        Files.writeString(m1.resolve("training.json"), "{\"settings\": {\"epochs\": 5}, \"dataset\": {\"name\": \"Shapes QA\","
                + " \"fingerprint\": \"aa\", \"train\": 3200, \"folder\": \"/one\"}}");
        Files.writeString(m2.resolve("training.json"), "{\"settings\": {\"epochs\": 5}, \"dataset\": {\"name\": \"Shapes QA\","
                + " \"fingerprint\": \"bb\", \"train\": 480, \"folder\": \"/two\"}}");

        Cli r = Cli.run("diff", m1.toString(), m2.toString());

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Training settings: same", "Data: 2 differ", "  fingerprint: aa → bb",
                "  train: 3200 → 480", "Graph: 1 node changed").doesNotContain("folder");
    }

    @Test
    void aProjectAgainstAModelFolderOrAMissingPathIsOneLine() throws Exception {
        Path a = project("a", 5, false);
        Path m = Files.createDirectories(dir.resolve("m"));
        Files.copy(a, m.resolve("graph.json"));
        Files.writeString(m.resolve("training.json"), "{}");

        Cli mixed = Cli.run("diff", a.toString(), m.toString());
        assertThat(mixed.code()).isEqualTo(ExitCode.USAGE);
        assertThat(mixed.err().strip()).doesNotContain("\n").contains("is a project file", "a model folder");

        Cli missing = Cli.run("diff", a.toString(), dir.resolve("nope.netloom").toString());
        assertThat(missing.code()).isEqualTo(ExitCode.INVALID);
        assertThat(missing.err().strip()).endsWith("nope.netloom: no such file or folder");

        Path empty = Files.createDirectories(dir.resolve("empty"));
        Cli notAModel = Cli.run("diff", empty.toString(), m.toString());
        assertThat(notAModel.err().strip()).contains("not a model folder");
        Files.writeString(m.resolve("training.json"), "{not json");
        Cli badJson = Cli.run("diff", m.toString(), m.toString());
        assertThat(badJson.err().strip()).doesNotContain("\n").contains("training.json: not readable JSON")
                .doesNotContain("Jackson", "com.fasterxml");
    }
}
