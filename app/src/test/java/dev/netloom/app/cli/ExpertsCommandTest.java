package dev.netloom.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.netloom.graph.TensorType;
import dev.netloom.graph.analysis.GraphAnalysis;
import dev.netloom.graph.analysis.NodeReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** netloom experts ARTIFACT: each MoE layer's share of tokens per expert on the validation data. */
class ExpertsCommandTest {

    @TempDir
    Path dir;

    @Test
    void eachMoeLayerSharesOutEveryTokenTopKTimesAndTheSharesAddUp() throws Exception {
        // The image + text Mixture-of-Experts template on 200 generated Shapes QA examples, one epoch.
        Path project = dir.resolve("moe.netloom");
        assertThat(Cli.run("new", "--template", "image-text-moe", project.toString()).code()).isZero();
        ObjectMapper mapper = new ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode doc =
                (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(project.toFile());
        doc.set("data", mapper.readTree("{\"source\": \"shapes-qa\", \"examples\": 200}"));
        ((com.fasterxml.jackson.databind.node.ObjectNode) doc.get("training")).put("epochs", 1);
        mapper.writerWithDefaultPrettyPrinter().writeValue(project.toFile(), doc);
        Path model = dir.resolve("model");
        Cli train = Cli.run("train", project.toString(), "--out", model.toString());
        assertThat(train.code()).as(train.err()).isZero();

        Cli text = Cli.run("experts", model.toString());
        assertThat(text.code()).as(text.err()).isZero();
        assertThat(text.out()).contains("Expert shares on the validation split (", "EXPERT", "TOKENS", "SHARE");

        Cli json = Cli.run("experts", model.toString(), "--json");
        assertThat(json.code()).as(json.err()).isZero();
        JsonNode root = new ObjectMapper().readTree(json.out());
        assertThat(root.get("split").asText()).isEqualTo("validation");
        int examples = root.get("examples").asInt();
        assertThat(examples).isPositive();
        assertThat(text.out()).contains("validation split (" + examples + " examples");
        var services = dev.netloom.app.StudioServices.standard(dev.netloom.app.TestHome.PATH);
        GraphAnalysis analysis = services.analyzer().analyze(services.projectFile().read(project).graph());
        assertThat(root.get("layers")).isNotEmpty();
        for (JsonNode layer : root.get("layers")) {
            String node = layer.get("node").asText();
            NodeReport r = analysis.report(node).orElseThrow();
            assertThat(r.node().type()).isEqualTo("MoE");
            TensorType in = r.inputs().get("in");
            long tokensPerExample = in.elements() / in.dim(-1);
            int topK = ((Number) r.params().get("topK")).intValue();
            int experts = ((Number) r.params().get("experts")).intValue();
            // In inference every token goes to exactly top-k experts: nothing is dropped, nothing counted twice.
            assertThat(layer.get("assignments").asLong()).isEqualTo(examples * tokensPerExample * topK);
            assertThat(layer.get("experts")).hasSize(experts);
            long sum = 0;
            double shares = 0;
            for (JsonNode e : layer.get("experts")) {
                sum += e.get("tokens").asLong();
                shares += e.get("share").asDouble();
                assertThat(e.get("share").asDouble()).isCloseTo((double) e.get("tokens").asLong() / layer.get("assignments").asLong(),
                        within(1e-12));
            }
            assertThat(sum).isEqualTo(layer.get("assignments").asLong());
            assertThat(shares).isCloseTo(1.0, within(1e-9));
        }

        Cli bad = Cli.run("experts", model.toString(), "--split", "holdout");
        assertThat(bad.code()).isEqualTo(ExitCode.USAGE);
        assertThat(bad.err().strip()).isEqualTo("netloom experts: --split must be validation, test or train, got holdout");
    }
}
