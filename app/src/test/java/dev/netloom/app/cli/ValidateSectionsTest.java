package dev.netloom.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** netloom validate refuses what train would refuse in the project's own sections, naming the JSON path. */
class ValidateSectionsTest {

    @TempDir
    Path dir;

    private Path project(String section, String json) throws IOException {
        Path file = dir.resolve(section + ".netloom");
        Cli made = Cli.run("new", "--template", "small-cnn", "--force", file.toString());
        assertThat(made.code()).as(made.err()).isZero();
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = (ObjectNode) mapper.readTree(file.toFile());
        root.set(section, mapper.readTree(json));
        Files.writeString(file, mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        return file;
    }

    @Test
    void aTemplateWithItsSectionsValidates() throws IOException {
        Path file = dir.resolve("ok.netloom");
        Cli.run("new", "--template", "small-cnn", file.toString());
        Cli r = Cli.run("validate", file.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
    }

    @Test
    void aTrainingSettingTrainWouldRefuseFailsValidation() throws IOException {
        Path file = project("training", "{\"epochs\": \"NaN\"}");
        Cli r = Cli.run("validate", file.toString());
        assertThat(r.code()).isEqualTo(ExitCode.INVALID);
        assertThat(r.err()).startsWith(file + ": training.epochs: ");
        assertThat(r.out()).doesNotContain("valid (");
        // ... and train refuses the same file for the same reason.
        Cli train = Cli.run("train", file.toString(), "--out", dir.resolve("m").toString());
        assertThat(train.code()).isNotZero();
        assertThat(train.err()).contains("training.epochs");
    }

    @Test
    void dataSearchAndExportSectionsAreCheckedToo() throws IOException {
        Cli data = Cli.run("validate", project("data", "{\"source\": \"shapes-qa\", \"examples\": -5}").toString());
        assertThat(data.code()).isEqualTo(ExitCode.INVALID);
        assertThat(data.err()).contains("data.examples: must be a whole number from 1 to 10000000, got -5");

        Cli search = Cli.run("validate", project("search",
                "{\"parameters\": [{\"target\": \"node:nowhere.units\", \"kind\": \"int\", \"low\": 1, \"high\": 4}]}")
                .toString());
        assertThat(search.code()).isEqualTo(ExitCode.INVALID);
        assertThat(search.err()).contains("search.parameters[0]");

        Cli export = Cli.run("validate", project("export", "{\"precision\": \"int3\"}").toString());
        assertThat(export.code()).isEqualTo(ExitCode.INVALID);
        assertThat(export.err()).contains("export.precision: must be one of fp32, fp16, int8, int8-static, int4, int2, int1, auto, got \"int3\"");
    }
}
