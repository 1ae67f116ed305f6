package dev.netloom.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.netloom.app.TestHome;
import dev.netloom.app.workspace.RunLog;
import dev.netloom.app.workspace.RunRecord;
import dev.netloom.app.workspace.RunStatus;
import dev.netloom.app.workspace.Workspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** netloom demo --quick: every step of the pipeline prints its part and leaves its files and records. */
class DemoCommandTest {

    @TempDir
    Path dir;

    @Test
    void quickDemoRunsEveryStepAndRecordsThem() throws Exception {
        Path out = dir.resolve("demo");
        Cli r = Cli.run("demo", "--quick", "--out", out.toString());
        assertThat(r.code()).as(r.err() + r.out()).isZero();

        assertThat(r.out()).contains("[1/5] Project: the image-text-moe template", "[2/5] Training on Shapes QA (1 epoch)",
                "[3/5] Search: 2 trials of one epoch", "[4/5] Export: INT4 bundle for Raspberry Pi 5",
                "[5/5] Verify", "VERIFIED", "Summary");
        assertThat(r.out()).contains("epoch 1/1", "trial #0 COMPLETE", "trial #1 COMPLETE", "best: trial #",
                "parity: largest difference", "test accuracy");
        assertThat(r.out()).containsPattern("accuracy +\\d+\\.\\d\\d% after INT4 \\(FP32 \\d+\\.\\d\\d%, drop -?\\d+\\.\\d\\d points\\)")
                .containsPattern("bits per weight \\d\\.\\d\\d")
                .containsPattern("Pi 5 +estimated \\d+\\.\\d\\d ms per example")
                .containsPattern("this computer +measured \\d+\\.\\d+ ms per example")
                .containsPattern("bundle size +\\d");

        Path project = out.resolve("image-text-moe.netloom");
        Path model = out.resolve("model");
        Path bundle = out.resolve("bundle-raspberry-pi-5-int4");
        assertThat(project).isRegularFile();
        assertThat(model.resolve("weights.safetensors")).isRegularFile();
        assertThat(out.resolve("search/study.db")).isRegularFile();
        assertThat(out.resolve("search/trials/000/graph.json")).isRegularFile();
        assertThat(bundle.resolve("model.onnx")).isRegularFile();
        assertThat(bundle.resolve("manifest.sig")).isRegularFile();
        assertThat(out.resolve("bundle-raspberry-pi-5-int4.zip")).isRegularFile();
        JsonNode manifest = new ObjectMapper().readTree(bundle.resolve("manifest.json").toFile());
        assertThat(manifest.path("precision").path("requested").asText()).isEqualTo("int4");
        assertThat(manifest.path("parity").path("passed").asBoolean()).isTrue();
        assertThat(manifest.path("precision").path("bitsPerWeight").asDouble()).isLessThan(5.0);

        // The bundle verifies from the command line as well.
        Cli verify = Cli.run("verify", out.resolve("bundle-raspberry-pi-5-int4.zip").toString());
        assertThat(verify.code()).as(verify.err()).isZero();

        try (Workspace workspace = Workspace.open(TestHome.PATH)) {
            RunLog log = workspace.runs();
            List<RunRecord> runs = log.runs(Optional.of(project));
            assertThat(runs).singleElement().satisfies(run -> {
                assertThat(run.status()).isEqualTo(RunStatus.FINISHED);
                assertThat(run.artifact()).isEqualTo(RunLog.key(model));
                assertThat(run.testAccuracy()).isNotNull();
            });
            assertThat(log.epochs(runs.get(0).id())).hasSize(1);
            assertThat(log.studies(project)).singleElement().satisfies(s -> assertThat(s.name()).isEqualTo("demo"));
            assertThat(log.bundles(model)).singleElement().satisfies(b -> {
                assertThat(b.device()).isEqualTo("raspberry-pi-5");
                assertThat(b.precision()).isEqualTo("int4");
                assertThat(b.bundle()).isEqualTo(RunLog.key(bundle));
            });
        }
    }

    @Test
    void refusesAFolderThatIsNotEmpty() throws Exception {
        Files.writeString(dir.resolve("something.txt"), "mine");
        Cli r = Cli.run("demo", "--quick", "--out", dir.toString());
        assertThat(r.code()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("is not empty");
        assertThat(dir.resolve("something.txt")).hasContent("mine");
    }

    /** A damaged workspace costs the old history, said in one line, not the demo (it exited 3). */
    @Test
    void aDamagedWorkspaceIsSetAsideWithOneLineAndTheDemoRuns() throws Exception {
        Path home = dir.resolve("home");
        Files.createDirectories(home);
        Files.writeString(home.resolve("workspace.db"), "not a database ".repeat(300));
        Cli r = Cli.runIn(home, "demo", "--quick", "--out", dir.resolve("demo").toString());
        assertThat(r.code()).as(r.err() + r.out()).isZero();
        assertThat(r.err().lines().filter(l -> l.contains("workspace"))).singleElement().satisfies(line -> assertThat(line)
                .startsWith("netloom demo: The workspace ").contains("damaged-", "new, empty workspace"));
        try (Workspace workspace = Workspace.open(home)) {
            assertThat(workspace.notice()).isEmpty();
            assertThat(workspace.runs().runs(Optional.empty())).hasSize(1);
        }
    }
}
