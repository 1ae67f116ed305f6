package dev.netloom.app.cli;

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

/** netloom tune --constraint: trials over a limit are stored with their constraint values and not trained. */
class TuneConstraintTest {

    @TempDir
    Path dir;

    private Path searchableProject() throws IOException {
        return SearchableProject.write(dir, """
                {"parameters": [
                  {"target": "node:fusion.dim", "kind": "int", "low": 16, "high": 64, "step": 1, "log": true}]}
                """);
    }

    private long parametersAt(Path project, int dim) throws Exception {
        var services = dev.netloom.app.StudioServices.standard(dev.netloom.app.TestHome.PATH);
        var graph = services.projectFile().read(project).graph();
        graph = graph.withReplacedNode(graph.requireNode("fusion").withParam("dim", dim));
        GraphAnalysis analysis = services.analyzer().analyze(graph);
        return analysis.total().parameters();
    }

    @Test
    void trialsOverAParameterLimitAreNotTrainedAndTheSamplerIsChosenAutomatically() throws Exception {
        Path project = searchableProject();
        long limit = parametersAt(project, 32);
        Path out = dir.resolve("search");
        Cli r = Cli.run("tune", project.toString(), "--trials", "4", "--out", out.toString(), "--sampler", "auto",
                "--constraint", "parameters<=" + limit, "--seed", "3");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("sampler auto: GP because 4 trials <= 100 and 1 of 1 parameters are numeric",
                "Constraints: parameters<=" + limit);
        try (Storage storage = StorageUrl.open("sqlite:" + out.resolve("study.db"))) {
            List<FrozenTrial> trials = Study.builder(storage).setName("qa").build().trials();
            assertThat(trials).hasSize(4);
            for (FrozenTrial t : trials) {
                int dim = ((Number) t.params().get("node:fusion.dim")).intValue();
                double value = parametersAt(project, dim) - (double) limit;
                assertThat(t.constraints()).as("trial %d at dim %d", t.number(), dim).containsExactly(value);
                if (value > 0) {
                    assertThat(t.state()).isEqualTo(TrialState.PRUNED);
                    assertThat(t.intermediateValues()).as("never trained").isEmpty();
                    assertThat(r.out()).contains("not trained: ");
                } else {
                    assertThat(t.state()).isEqualTo(TrialState.COMPLETE);
                }
            }
            assertThat(trials).anyMatch(t -> t.state() == TrialState.PRUNED).anyMatch(t -> t.state() == TrialState.COMPLETE);
        }
    }

    @Test
    void aLatencyLimitWithoutADeviceIsAUsageErrorAndABadRuleIsInvalid() throws IOException {
        Path project = searchableProject();
        Cli r = Cli.run("tune", project.toString(), "--trials", "1", "--out", dir.resolve("x").toString(),
                "--constraint", "latency<=20ms");
        assertThat(r.code()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("constraint latency<=20ms needs a device: write latency<=20ms@DEVICE or give --device ID");
        Cli bad = Cli.run("tune", project.toString(), "--trials", "1", "--out", dir.resolve("y").toString(),
                "--constraint", "speed<=3");
        assertThat(bad.code()).isEqualTo(ExitCode.INVALID);
        assertThat(bad.err()).contains("netloom tune: constraint \"speed<=3\": unknown metric \"speed\"");
    }
}
