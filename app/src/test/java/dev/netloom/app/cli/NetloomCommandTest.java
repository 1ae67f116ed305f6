package dev.netloom.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The netloom CLI as a user drives it: output, errors on stderr, exit codes 0 / 1 / 2. */
class NetloomCommandTest {

    @TempDir
    Path dir;

    private Path newProject(String template) {
        Path file = dir.resolve(template + ".netloom");
        Cli r = Cli.run("new", "--template", template, file.toString());
        assertThat(r.code()).as(r.err()).isZero();
        return file;
    }

    @Test
    void noArgumentsPrintsHelpAndSucceeds() {
        Cli r = Cli.run();
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Usage: netloom", "templates", "new", "validate", "stats");
    }

    @Test
    void templatesListsEveryTemplateWithItsCost() {
        Cli r = Cli.run("templates");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("small-cnn", "mobilenet-v2", "text-classifier", "image-text-qa", "moe-transformer");
        assertThat(r.out()).containsPattern("mobilenet-v2\\s+MobileNetV2 1.0\\s+3\\.50M\\s+300\\.8M");
    }

    @Test
    void newWritesAProjectThatValidates() throws IOException {
        Path file = newProject("small-cnn");
        assertThat(Files.readString(file)).startsWith("{\n  \"schemaVersion\": 1,");
        Cli r = Cli.run("validate", file.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("valid (18 layers, 93.6K parameters)");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void newRefusesToOverwriteWithoutForce() throws IOException {
        Path file = newProject("small-cnn");
        Files.writeString(file, "keep me");
        Cli r = Cli.run("new", "--template", "text-classifier", file.toString());
        assertThat(r.code()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("already exists; use --force");
        assertThat(Files.readString(file)).isEqualTo("keep me");
        assertThat(Cli.run("new", "--template", "text-classifier", "--force", file.toString()).code()).isZero();
    }

    @Test
    void newNamesTheTemplatesWhenTheNameIsUnknown() {
        Cli r = Cli.run("new", "--template", "resnet", dir.resolve("x.netloom").toString());
        assertThat(r.code()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("no template \"resnet\"", "small-cnn", "mobilenet-v2");
    }

    @Test
    void statsOnMobileNetV2ShowsThePublishedCost() {
        Cli r = Cli.run("stats", newProject("mobilenet-v2").toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("total", "3,504,872", "300,774,272", "Parameters:    3.50M",
                "Multiply-adds: 300.8M per example");
        assertThat(r.out()).containsPattern("classes\\s+Classification\\s+\\[N, 1000]\\s+1,281,000");
    }

    @Test
    void statsJsonIsMachineReadable() throws IOException {
        Cli r = Cli.run("stats", "--json", newProject("moe-transformer").toString());
        assertThat(r.code()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.get("valid").asBoolean()).isTrue();
        assertThat(json.get("layers")).hasSize(18);
        JsonNode total = json.get("total");
        assertThat(total.get("activeParameters").asLong()).isLessThan(total.get("parameters").asLong());
        assertThat(total.get("weightBytes").get("INT4").asLong())
                .isEqualTo((total.get("parameters").asLong() * 4 + 7) / 8);
        JsonNode moe = json.get("layers").get(7);
        assertThat(moe.get("type").asText()).isEqualTo("MoE");
        assertThat(moe.get("outputShape").toString()).isEqualTo("[\"N\",64,64]");
    }

    @Test
    void validateOfABrokenModelNamesNodeAndPortAndExitsOne() throws IOException {
        Path file = dir.resolve("broken.netloom");
        Files.writeString(file, """
                {"schemaVersion": 1, "graph": {"nodes": [
                  {"id": "image", "type": "Image"},
                  {"id": "conv3", "type": "Conv2d", "params": {"filters": 16}},
                  {"id": "fc1", "type": "Dense"},
                  {"id": "head", "type": "Classification"}],
                 "edges": [{"from": "image.out", "to": "conv3.in"}, {"from": "conv3.out", "to": "fc1.in"},
                           {"from": "fc1.out", "to": "head.in"}]}}
                """);
        Cli r = Cli.run("validate", file.toString());
        assertThat(r.code()).isEqualTo(ExitCode.INVALID);
        assertThat(r.err().lines()).containsExactly(file + ": node fc1, port in: expected a sequence or a vector, "
                + "got image [N, 16, 28, 28] from conv3.out; insert Flatten between conv3 and fc1");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void validateOfAMalformedFileGivesOneLineWithTheJsonPath() throws IOException {
        Path file = dir.resolve("bad.netloom");
        Files.writeString(file, "{\"schemaVersion\": 1, \"graph\": {\"nodes\": [{\"id\": \"a\", \"type\": \"Conv2d\","
                + " \"params\": {\"kernel\": 0}}]}}");
        Cli r = Cli.run("validate", file.toString());
        assertThat(r.code()).isEqualTo(ExitCode.INVALID);
        assertThat(r.err()).isEqualTo(file + ": graph.nodes[0].params.kernel: must be an integer from 1 to 31, or "
                + "[height, width] of two such integers, got 0\n");
    }

    @Test
    void validateChecksTheTrainingSectionIncludingDivergenceRecovery() throws IOException {
        Path file = newProject("small-cnn");
        String text = Files.readString(file);
        Files.writeString(file, text.replace("\"training\": {", "\"training\": {\n    \"divergenceRecovery\": false,"));
        Cli ok = Cli.run("validate", file.toString());
        assertThat(ok.code()).as(ok.err()).isZero();

        Files.writeString(file, text.replace("\"training\": {", "\"training\": {\n    \"divergenceRecovery\": \"maybe\","));
        Cli bad = Cli.run("validate", file.toString());
        assertThat(bad.code()).isEqualTo(ExitCode.INVALID);
        assertThat(bad.err()).isEqualTo(file + ": training.divergenceRecovery: must be true or false, got \"maybe\"\n");

        Files.writeString(file, text.replace("\"training\": {", "\"training\": {\n    \"recovery\": true,"));
        assertThat(Cli.run("validate", file.toString()).err()).startsWith(file + ": training.recovery: unknown setting");
    }

    @Test
    void validateGoesOnAfterABadFileAndFailsOverall() throws IOException {
        Path good = newProject("text-classifier");
        Cli r = Cli.run("validate", dir.resolve("missing.netloom").toString(), good.toString());
        assertThat(r.code()).isEqualTo(ExitCode.INVALID);
        assertThat(r.err()).contains("missing.netloom: no such file");
        assertThat(r.out()).contains("text-classifier.netloom: valid");
    }

    @Test
    void statsOfAnInvalidModelStillShowsWhatCouldBeInferredAndExitsOne() throws IOException {
        Path file = dir.resolve("half.netloom");
        Files.writeString(file, """
                {"schemaVersion": 1, "graph": {"nodes": [
                  {"id": "image", "type": "Image"}, {"id": "conv", "type": "Conv2d"}],
                 "edges": [{"from": "image.out", "to": "conv.in"}]}}
                """);
        Cli r = Cli.run("stats", file.toString());
        assertThat(r.code()).isEqualTo(ExitCode.INVALID);
        assertThat(r.out()).containsPattern("conv\\s+Conv2d\\s+\\[N, 32, 28, 28]\\s+320");
        assertThat(r.err()).contains("no head");
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(Cli.run("stats").code()).isEqualTo(ExitCode.USAGE);
        assertThat(Cli.run("frobnicate").code()).isEqualTo(ExitCode.USAGE);
        Cli r = Cli.run("new", "--template", "small-cnn", dir.resolve("wrong.json").toString());
        assertThat(r.code()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("must end in .netloom");
    }

    @Test
    void layersDescribesATypeWithItsParameters() {
        Cli r = Cli.run("layers", "Conv2d");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Conv2d (Convolution)", "filters", "an integer from 1 to 8192", "input  in");
        Cli unknown = Cli.run("layers", "Conv22d");
        assertThat(unknown.code()).isEqualTo(ExitCode.USAGE);
        assertThat(unknown.err()).contains("did you mean Conv2d?");
    }

    @Test
    void versionPrintsTheVersion() {
        Cli r = Cli.run("--version");
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("netloom ");
    }
}
