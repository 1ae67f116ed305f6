package dev.netloom.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.netloom.app.search.TrialLatency;
import dev.netloom.devices.DeviceCatalog;
import dev.netloom.graph.Graph;
import dev.netloom.graph.Precision;
import dev.netloom.graph.block.BlockUse;
import dev.netloom.graph.project.BlockSection;
import dev.netloom.graph.project.Project;
import dev.netloom.hpo.FrozenTrial;
import dev.netloom.hpo.Study;
import dev.netloom.hpo.TrialState;
import dev.netloom.hpo.storage.Storage;
import dev.netloom.hpo.storage.StorageUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * netloom tune over a block use's depth and block choice with a latency objective on a device: each
 * trial trains the expansion of its choice, and its latency is the estimate of that expansion.
 */
class TuneBlocksTest {

    @TempDir
    Path dir;

    /** image-text-qa with a residual block after the picture branch: its depth and its kernel (block) searched. */
    private Path project() throws IOException {
        Path project = SearchableProject.write(dir, """
                {"parameters": [
                  {"target": "node:deep.repeat", "kind": "int", "low": 0, "high": 2},
                  {"target": "node:deep.block", "kind": "choices", "choices": ["res3", "res1"]}]}
                """);
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = (ObjectNode) json.readTree(project.toFile());
        String res = """
                { "params": { "width": 64 }, "inputs": { "in": ["c.in", "add.a"] }, "outputs": { "out": "act.out" },
                  "nodes": [ { "id": "c", "type": "Conv2d", "params": { "filters": "$width", "kernel": K, "padding": P } },
                             { "id": "add", "type": "Add" }, { "id": "act", "type": "Activation" } ],
                  "edges": [ { "from": "c.out", "to": "add.b" }, { "from": "add.out", "to": "act.in" } ] }""";
        ObjectNode blocks = root.putObject("blocks");
        blocks.set("res3", json.readTree(res.replace("K", "3").replace("P", "1")));
        blocks.set("res1", json.readTree(res.replace("K", "1").replace("P", "0")));
        ObjectNode graph = (ObjectNode) root.get("graph");
        ((ArrayNode) graph.get("nodes")).add(json.readTree("""
                { "id": "deep", "type": "Block", "params": { "block": "res3", "repeat": 1 } }"""));
        ArrayNode edges = (ArrayNode) graph.get("edges");
        for (int i = 0; i < edges.size(); i++) {
            if (edges.get(i).get("from").asText().equals("pool2.out")) {
                ((ObjectNode) edges.get(i)).put("from", "deep.out");
            }
        }
        edges.add(json.readTree("{ \"from\": \"pool2.out\", \"to\": \"deep.in\" }"));
        json.writerWithDefaultPrettyPrinter().writeValue(project.toFile(), root);
        return project;
    }

    @Test
    void depthAndBlockChoiceAreSearchedWithLatencyOnADevice() throws Exception {
        Path project = project();
        assertThat(Cli.run("validate", project.toString()).code()).isZero();
        Path out = dir.resolve("search");
        Cli r = Cli.run("tune", project.toString(), "--trials", "3", "--sampler", "random", "--out", out.toString(),
                "--objective", "accuracy,latency", "--device", "raspberry-pi-5");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Pareto set", "deep.repeat=", "deep.block=");
        var services = dev.netloom.app.StudioServices.standard(dev.netloom.app.TestHome.PATH);
        Project drawn = services.projectFile().read(project);
        var device = DeviceCatalog.standard().find("raspberry-pi-5").orElseThrow();
        try (Storage storage = StorageUrl.open("sqlite:" + out.resolve("study.db"))) {
            List<FrozenTrial> done = Study.builder(storage).setName("qa").build().trials(TrialState.COMPLETE);
            assertThat(done).isNotEmpty();
            for (FrozenTrial t : done) {
                int repeat = ((Number) t.params().get("node:deep.repeat")).intValue();
                String block = t.params().get("node:deep.block").toString();
                Graph g = drawn.graph();
                g = g.withReplacedNode(g.requireNode("deep").withParam(BlockUse.REPEAT, repeat)
                        .withParam(BlockUse.BLOCK, block));
                Graph flat = BlockSection.flatten(drawn.withGraph(g), services.catalog()).graph();
                double expected = new TrialLatency(device, Precision.FP32).milliseconds(services.analyzer().analyze(flat));
                assertThat(t.values().get(1)).isCloseTo(expected, within(1e-9));
                // The trial's model is the expansion: its layers are named use/inner, and it reads back.
                Path artifact = Path.of(t.userAttrs().get("artifact").toString());
                Project trained = services.projectFile().read(artifact.resolve("graph.json"));
                assertThat(trained.graph().nodes().stream().filter(n -> n.id().startsWith("deep/")).count())
                        .isEqualTo(repeat == 0 ? 0 : 3);
                assertThat(trained.graph().hasNode("deep#2/c")).isEqualTo(repeat == 2);
                assertThat(Files.readString(artifact.resolve("graph.json"))).doesNotContain("\"Block\"");
            }
        }
    }

    @Test
    void aRepeatRangeOnABlockThatCannotRepeatIsRefusedBeforeAnyTrial() throws Exception {
        Path project = project();
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = (ObjectNode) json.readTree(project.toFile());
        ((ObjectNode) root.get("blocks").get("res3")).set("inputs",
                json.readTree("{ \"in\": [\"c.in\"], \"skip\": [\"add.a\"] }"));
        json.writeValue(project.toFile(), root);
        Cli r = Cli.run("tune", project.toString(), "--trials", "1", "--out", dir.resolve("x").toString());
        assertThat(r.code()).isNotZero();
        assertThat(r.err()).contains("qa.netloom: search.parameters[0].target: use deep's repeat cannot be searched: block res3 has 2 inputs and 1 output, and only a block with one of each can repeat");
    }
}
