package dev.netloom.app.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** netloom tune: a small real search on generated data, in one process and in two. */
class TuneCommandTest {

    @TempDir
    Path dir;

    /** The image-text-qa template on 200 Shapes QA examples, one epoch, with three searchable parameters. */
    private Path searchableProject() throws IOException {
        return SearchableProject.write(dir, """
                {"parameters": [
                  {"target": "node:fusion.dim", "kind": "int", "low": 16, "high": 64, "step": 1, "log": true},
                  {"target": "training.learningRate", "kind": "float", "low": 0.0005, "high": 0.01, "log": true},
                  {"target": "node:look.heads", "kind": "choices", "choices": [2, 3, 4]}]}
                """);
    }

    @Test
    void aSearchTrainsTrialsPrintsThemAndKeepsTheBestModel() throws IOException {
        Path out = dir.resolve("search");
        Cli r = Cli.run("tune", searchableProject().toString(), "--trials", "4", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Study qa in sqlite:", "TRIAL  STATE", "Best trial:", "model: ");
        assertThat(r.out().lines().filter(l -> l.matches("\\s+\\d+  (COMPLETE|PRUNED|FAIL) .*"))).hasSize(4);
        assertThat(out.resolve("study.db")).isRegularFile();
        try (var trials = Files.list(out.resolve("trials"))) {
            assertThat(trials.filter(p -> Files.isRegularFile(p.resolve("weights.safetensors"))).count()).isPositive();
        }
    }

    @Test
    void twoWorkerProcessesShareOneStudyWithoutLosingOrRepeatingTrials() throws IOException {
        Path out = dir.resolve("parallel");
        Cli r = Cli.run("tune", searchableProject().toString(), "--trials", "4", "--workers", "2", "--out",
                out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("4 trials in 2 processes");
        var numbers = r.out().lines().filter(l -> l.matches("\\s+\\d+  (COMPLETE|PRUNED|FAIL) .*"))
                .map(l -> Integer.parseInt(l.trim().split("\\s+")[0])).toList();
        assertThat(numbers).containsExactlyInAnyOrder(0, 1, 2, 3);
        assertThat(out.resolve("worker-1.log")).isRegularFile();
    }

    @Test
    void aProjectWithNothingSearchableIsRefused() {
        Path project = dir.resolve("plain.netloom");
        Cli.run("new", "--template", "image-text-qa", project.toString());
        Cli r = Cli.run("tune", project.toString(), "--out", dir.resolve("x").toString());
        assertThat(r.code()).isEqualTo(ExitCode.INVALID);
        assertThat(r.err()).contains("marks nothing searchable");
    }

    @Test
    void aWorkerNeedsAnExistingStudy() throws IOException {
        Cli r = Cli.run("tune-worker", searchableProject().toString(), "--study", "nope", "--storage",
                "sqlite:" + dir.resolve("empty.db"), "--out", dir.resolve("w").toString());
        assertThat(r.code()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("no study \"nope\"");
    }

    /** Every trial fails before training (over a one-parameter budget): the search stops after three, saying why. */
    @Test
    void aSearchStopsAfterThreeFailedTrialsInARowWithTheFirstReason() throws IOException {
        Path out = dir.resolve("failing");
        Path project = searchableProject();
        Cli r = Cli.run("tune", project.toString(), "--trials", "10", "--max-parameters", "1",
                "--out", out.toString());
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(ExitCode.INVALID);
        assertThat(r.err().lines()).singleElement().satisfies(line -> assertThat(line)
                .startsWith("netloom tune: stopped after 3 trials failed in a row (#0 to #2); the first, #0, failed with: ")
                .contains("parameters is over the budget of 1").doesNotContain("Exception", " at dev."));
        assertThat(r.out()).contains("0 trials complete, 0 pruned, 3 failed.");

        Cli patient = Cli.run("tune", project.toString(), "--trials", "4", "--max-parameters", "1",
                "--stop-after-failures", "0", "--out", dir.resolve("patient").toString());
        assertThat(patient.code()).as(patient.err()).isZero();
        assertThat(patient.out()).contains("4 failed.");
    }

    /** A teacher in the training section teaches every trial, as it teaches a run (it was silently ignored). */
    @Test
    void everyTrialDistilsFromTheTrainingSectionsTeacher() throws IOException {
        Path project = searchableProject();
        Path teacher = dir.resolve("teacher");
        Cli trained = Cli.run("train", project.toString(), "--out", teacher.toString());
        assertThat(trained.code()).as(trained.err()).isZero();
        com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        var doc = (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(project.toFile());
        ((com.fasterxml.jackson.databind.node.ObjectNode) doc.get("training")).put("teacher", "teacher");
        mapper.writerWithDefaultPrettyPrinter().writeValue(project.toFile(), doc);

        Path out = dir.resolve("distilled");
        Cli r = Cli.run("tune", project.toString(), "--trials", "2", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        try (var trials = Files.list(out.resolve("trials"))) {
            List<Path> written = trials.filter(t -> Files.isRegularFile(t.resolve("training.json"))).toList();
            assertThat(written).isNotEmpty();
            for (Path trial : written) {
                var training = mapper.readTree(trial.resolve("training.json").toFile());
                assertThat(training.at("/adaptation/teachers/0/path").asText()).as(trial.toString())
                        .isEqualTo(teacher.toAbsolutePath().toString());
            }
        }
    }
}
