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

/**
 * netloom tune --objective accuracy,energy --device ID: energy is device-profiles' estimate of each
 * trial's graph on the device (its power draw × the estimated latency), minimised beside accuracy.
 */
class TuneEnergyTest {

    @TempDir
    Path dir;

    private Path searchableProject() throws IOException {
        return SearchableProject.write(dir, """
                {"parameters": [
                  {"target": "node:fusion.dim", "kind": "int", "low": 16, "high": 64, "step": 1, "log": true}]}
                """);
    }

    @Test
    void anEnergyObjectiveEstimatesEachTrialsMillijoulesOnTheDevice() throws Exception {
        Path project = searchableProject();
        Path out = dir.resolve("search");
        Cli r = Cli.run("tune", project.toString(), "--trials", "2", "--out", out.toString(),
                "--objective", "accuracy,energy", "--device", "raspberry-pi-5");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("objectives accuracy, energy (energy on raspberry-pi-5 (FP32))", "Pareto set", " mJ");
        try (Storage storage = StorageUrl.open("sqlite:" + out.resolve("study.db"))) {
            Study study = Study.builder(storage).setName("qa").build();
            List<FrozenTrial> done = study.trials(TrialState.COMPLETE);
            assertThat(done).isNotEmpty();
            var services = dev.netloom.app.StudioServices.standard(dev.netloom.app.TestHome.PATH);
            var device = DeviceCatalog.standard().find("raspberry-pi-5").orElseThrow();
            for (FrozenTrial t : done) {
                var graph = services.projectFile().read(project).graph();
                int dim = ((Number) t.params().get("node:fusion.dim")).intValue();
                graph = graph.withReplacedNode(graph.requireNode("fusion").withParam("dim", dim));
                GraphAnalysis analysis = services.analyzer().analyze(graph);
                TrialLatency estimate = new TrialLatency(device, Precision.FP32);
                double expected = estimate.millijoules(analysis);
                // the Pi 5 draws 11 W with its four cores busy (docs/figures.md): mJ = 11 W × ms
                assertThat(expected).isCloseTo(11.0 * estimate.milliseconds(analysis), within(1e-9 * expected));
                assertThat(t.values().get(1)).isCloseTo(expected, within(1e-9 * expected));
                assertThat(((Number) t.userAttrs().get("energyMj")).doubleValue()).isCloseTo(expected, within(1e-9 * expected));
                assertThat(((Number) t.userAttrs().get("latencyMs")).doubleValue()).isPositive();
            }
        }
    }

    @Test
    void energyNeedsADeviceWithAPowerFigure() throws IOException {
        Path project = searchableProject();
        Cli none = Cli.run("tune", project.toString(), "--trials", "1", "--out", dir.resolve("x").toString(),
                "--objective", "accuracy,energy");
        assertThat(none.code()).isEqualTo(ExitCode.USAGE);
        assertThat(none.err()).contains("the energy objective needs --device ID");
        Cli unmeasured = Cli.run("tune", project.toString(), "--trials", "1", "--out", dir.resolve("y").toString(),
                "--objective", "accuracy,energy", "--device", "google-tensor-g3");
        assertThat(unmeasured.code()).isEqualTo(ExitCode.USAGE);
        assertThat(unmeasured.err().strip()).startsWith("netloom tune: the energy objective needs a device with a power "
                + "figure; google-tensor-g3 has none (no published CPU power figure").doesNotContain("\n");
    }
}
