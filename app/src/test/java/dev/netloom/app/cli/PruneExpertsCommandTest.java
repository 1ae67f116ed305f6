package dev.netloom.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * netloom prune-experts: a trained MoE model loses its least used experts and stays a normal
 * artifact — it loads (its probe checks), evaluates, fine-tunes and exports.
 */
class PruneExpertsCommandTest {

    @TempDir
    static Path dir;

    private static Path model;

    @BeforeAll
    static void trainTheImageTextMoeTemplate() throws Exception {
        // The image + text Mixture-of-Experts template on 200 generated Shapes QA examples, one epoch.
        Path project = dir.resolve("moe.netloom");
        assertThat(Cli.run("new", "--template", "image-text-moe", project.toString()).code()).isZero();
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode doc = (ObjectNode) mapper.readTree(project.toFile());
        doc.set("data", mapper.readTree("{\"source\": \"shapes-qa\", \"examples\": 200}"));
        ((ObjectNode) doc.get("training")).put("epochs", 1);
        mapper.writerWithDefaultPrettyPrinter().writeValue(project.toFile(), doc);
        model = dir.resolve("model");
        Cli train = Cli.run("train", project.toString(), "--out", model.toString());
        assertThat(train.code()).as(train.err()).isZero();
    }

    @Test
    void keepingTheBusiestExpertsWritesASmallerModelThatLoadsEvaluatesAndExports() throws Exception {
        JsonNode graph = new ObjectMapper().readTree(model.resolve("graph.json").toFile());
        int experts = moeParam(graph, "experts");
        int keep = experts / 2;
        Path pruned = dir.resolve("pruned");

        Cli run = Cli.run("prune-experts", model.toString(), "--keep", Integer.toString(keep), "--out", pruned.toString());

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("Expert shares on the validation split", keep + " of " + experts + " experts kept",
                "Parameters: ", "fewer", "Test accuracy: ", "Model written to " + pruned);
        JsonNode smaller = new ObjectMapper().readTree(pruned.resolve("graph.json").toFile());
        assertThat(moeParam(smaller, "experts")).isEqualTo(keep);
        assertThat(moeParam(smaller, "topK")).isLessThanOrEqualTo(keep);
        JsonNode training = new ObjectMapper().readTree(pruned.resolve("training.json").toFile());
        assertThat(training.at("/adaptation/expertPruning/from").asText()).isEqualTo(model.toAbsolutePath().toString());
        assertThat(Files.size(pruned.resolve("weights.safetensors"))).isLessThan(Files.size(model.resolve("weights.safetensors")));

        // It loads (its probe reproduces) and scores the test split as any model does.
        Cli eval = Cli.run("eval", pruned.toString());
        assertThat(eval.code()).as(eval.err()).isZero();
        assertThat(eval.out()).contains("Test");

        // It exports, and the exporter's own check runs the bundle against the pruned model.
        Path bundle = dir.resolve("bundle");
        Cli export = Cli.run("export", pruned.toString(), "--device", "raspberry-pi-5", "--precision", "fp32",
                "--out", bundle.toString());
        assertThat(export.code()).as(export.out() + export.err()).isZero();
        assertThat(bundle.resolve("model.onnx")).exists();
    }

    @Test
    void aFineTuneTrainsThePrunedModelAndKeepsTheModelBeforeItBeside() throws Exception {
        Path out = dir.resolve("tuned");
        Cli run = Cli.run("prune-experts", model.toString(), "--min-share", "0.2", "--fine-tune", "1", "--out", out.toString());
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("after 1 epochs of fine-tune", "Pruned model (before the fine-tune) written to "
                + dir.resolve("tuned-pruned"));
        assertThat(out.resolve("weights.safetensors")).exists();
        JsonNode training = new ObjectMapper().readTree(out.resolve("training.json").toFile());
        assertThat(training.at("/end/epochsRun").asInt()).isEqualTo(1);
        assertThat(Cli.run("eval", out.toString()).code()).isZero();
        assertThat(Cli.run("eval", dir.resolve("tuned-pruned").toString()).code()).isZero();
    }

    @Test
    void theTableScoresTheModelWithEveryNumberOfExpertsAndWritesNothing() throws Exception {
        long before;
        try (var files = Files.list(dir)) {
            before = files.count();
        }
        Cli run = Cli.run("prune-experts", model.toString(), "--table");
        assertThat(run.code()).as(run.err()).isZero();
        // image-text-moe has 4 experts: rows 4 (all), 3, 2 and 1, parameters falling with each.
        assertThat(run.out()).contains("EXPERTS", "TEST ACCURACY", "4 (all)", "100%");
        // Each row ends with its parameters and its share of the FP32 weights.
        java.util.List<Long> parameters = run.out().lines().filter(l -> l.matches("\\s*[1-4]( \\(all\\))? .*"))
                .map(l -> l.trim().split("\\s+")).map(t -> Long.parseLong(t[t.length - 2].replace(",", ""))).toList();
        assertThat(parameters).hasSize(4).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        try (var files = Files.list(dir)) {
            assertThat(files.count()).isEqualTo(before);
        }
        Cli withOut = Cli.run("prune-experts", model.toString(), "--table", "--out", dir.resolve("t").toString());
        assertThat(withOut.code()).isEqualTo(ExitCode.USAGE);
        assertThat(withOut.err().strip()).isEqualTo("netloom prune-experts: --table writes nothing; leave out --out");
    }

    @Test
    void badRequestsGetOneLine() {
        Cli tooMany = Cli.run("prune-experts", model.toString(), "--keep", "99", "--out", dir.resolve("x").toString());
        assertThat(tooMany.code()).isEqualTo(ExitCode.USAGE);
        assertThat(tooMany.err().strip()).startsWith("netloom prune-experts: --keep 99 is more than the ")
                .doesNotContain("Exception");
        Cli both = Cli.run("prune-experts", model.toString(), "--keep", "1", "--min-share", "0.1", "--out",
                dir.resolve("y").toString());
        assertThat(both.code()).isEqualTo(ExitCode.USAGE);
        Cli exists = Cli.run("prune-experts", model.toString(), "--keep", "1", "--out", model.toString());
        assertThat(exists.code()).isEqualTo(ExitCode.INVALID);
        assertThat(exists.err().strip()).isEqualTo("netloom prune-experts: " + model + " already exists; choose a new folder "
                + "for the pruned model");
        Cli split = Cli.run("prune-experts", model.toString(), "--keep", "1", "--split", "test", "--out",
                dir.resolve("z").toString());
        assertThat(split.code()).isEqualTo(ExitCode.USAGE);
    }

    private static int moeParam(JsonNode graph, String name) {
        for (JsonNode node : graph.path("graph").path("nodes")) {
            if (node.path("type").asText().equals("MoE")) {
                return node.path("params").path(name).asInt(name.equals("topK") ? 2 : 4);
            }
        }
        throw new AssertionError("no MoE node in " + graph);
    }
}
