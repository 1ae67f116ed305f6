package dev.netloom.app.cli;

import dev.netloom.app.search.TrialLatency;
import dev.netloom.devices.DeviceCatalog;
import dev.netloom.graph.Precision;
import dev.netloom.graph.analysis.GraphAnalysis;
import dev.netloom.hpo.FrozenTrial;
import dev.netloom.hpo.Study;
import dev.netloom.hpo.TrialState;
import dev.netloom.hpo.storage.Storage;
import dev.netloom.hpo.storage.StorageUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** netloom tune --objective accuracy,latency --device ID: latency is device-profiles' estimate of each trial's graph. */
class TuneLatencyTest {

    @TempDir
    Path dir;

    private Path searchableProject() throws IOException {
        return SearchableProject.write(dir, """
                {"parameters": [
                  {"target": "node:fusion.dim", "kind": "int", "low": 16, "high": 64, "step": 1, "log": true}]}
                """);
    }

    @Test
    void aLatencyObjectiveEstimatesEachTrialOnTheDevice() throws Exception {
        Path project = searchableProject();
        Path out = dir.resolve("search");
        Cli r = Cli.run("tune", project.toString(), "--trials", "2", "--out", out.toString(),
                "--objective", "accuracy,latency", "--device", "raspberry-pi-5");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("objectives accuracy, latency (latency on raspberry-pi-5 (FP32))",
                "Pareto set", " ms  ");
        try (Storage storage = StorageUrl.open("sqlite:" + out.resolve("study.db"))) {
            Study study = Study.builder(storage).setName("qa").build();
            List<FrozenTrial> done = study.trials(TrialState.COMPLETE);
            assertThat(done).isNotEmpty();
            var services = dev.netloom.app.StudioServices.standard(dev.netloom.app.TestHome.PATH);
            var device = DeviceCatalog.standard().find("raspberry-pi-5").orElseThrow();
            for (FrozenTrial t : done) {
                // The second value is the estimate of the graph the trial trained, and is recorded beside it.
                var graph = services.projectFile().read(project).graph();
                int dim = ((Number) t.params().get("node:fusion.dim")).intValue();
                graph = graph.withReplacedNode(graph.requireNode("fusion").withParam("dim", dim));
                GraphAnalysis analysis = services.analyzer().analyze(graph);
                double expected = new TrialLatency(device, Precision.FP32).milliseconds(analysis);
                assertThat(t.values().get(1)).isCloseTo(expected, within(1e-9));
                assertThat(((Number) t.userAttrs().get("latencyMs")).doubleValue()).isCloseTo(expected, within(1e-9));
                assertThat(expected).isPositive();
            }
        }
    }

    @Test
    void latencyWithoutADeviceIsAUsageError() throws IOException {
        Cli r = Cli.run("tune", searchableProject().toString(), "--trials", "1", "--out", dir.resolve("x").toString(),
                "--objective", "accuracy,latency");
        assertThat(r.code()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("needs --device");
    }

    @Test
    void anUnknownDeviceNamesCloseOnes() throws IOException {
        Cli r = Cli.run("tune", searchableProject().toString(), "--trials", "1", "--out", dir.resolve("x").toString(),
                "--objective", "accuracy,latency", "--device", "raspberry-pi-55");
        assertThat(r.code()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("unknown device 'raspberry-pi-55'", "raspberry-pi-5");
    }
}
