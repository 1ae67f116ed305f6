package dev.netloom.app.workspace;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Runs as they happen, what a crash leaves, the registry and bundles. */
class RunLogTest {

    @TempDir
    Path home;

    @Test
    void aRunIsOnDiskFromItsStartAndEachEpochAsItEnds() throws Exception {
        Path project = home.resolve("p.netloom");
        long id;
        try (Workspace w = Workspace.open(home)) {
            id = w.runs().start(project, "run 1", "{\"epochs\": 3}", "Shapes QA", "abc", null, null);
            w.runs().epoch(new EpochRecord(id, 1, 1.2, 0.5, 1.1, 0.55, 2.0, "{}"));
            w.runs().epoch(new EpochRecord(id, 2, 0.9, 0.6, 1.0, 0.52, 2.0, "{}"));
        }
        try (Workspace w = Workspace.open(home)) { // as if the studio had crashed and come back
            RunRecord r = w.runs().run(id).orElseThrow();
            assertThat(r.status()).isEqualTo(RunStatus.RUNNING); // our own process is still alive here
            assertThat(r.bestValidationAccuracy()).isEqualTo(0.55);
            assertThat(w.runs().epochs(id)).extracting(EpochRecord::epoch).containsExactly(1, 2);
            w.runs().finish(id, RunStatus.FINISHED, home.resolve("model").toString(), 0.61, "trained 2 epochs");
            assertThat(w.runs().runs(Optional.of(project))).singleElement()
                    .satisfies(run -> {
                        assertThat(run.status()).isEqualTo(RunStatus.FINISHED);
                        assertThat(run.testAccuracy()).isEqualTo(0.61);
                        assertThat(run.ended()).isNotNull();
                    });
        }
    }

    @Test
    void runsOfAProcessThatIsGoneAreMarkedInterrupted() throws Exception {
        try (Workspace w = Workspace.open(home)) {
            long id = w.runs().start(home.resolve("p.netloom"), "run 1", "{}", "d", "f", null, null);
            try (var s = java.sql.DriverManager.getConnection("jdbc:sqlite:" + home.resolve("workspace.db"));
                 var st = s.createStatement()) {
                st.execute("UPDATE runs SET pid = 999999999 WHERE id = " + id); // a process that does not exist
            }
            assertThat(w.runs().markInterrupted()).isEqualTo(1);
            assertThat(w.runs().run(id).orElseThrow().status()).isEqualTo(RunStatus.INTERRUPTED);
        }
    }

    @Test
    void registeringCountsVersionsPerNameAndNeedsAModel() throws Exception {
        try (Workspace w = Workspace.open(home)) {
            long a = w.runs().start(home.resolve("p.netloom"), "run 1", "{}", "d", "f", null, null);
            assertThatThrownBy(() -> w.runs().register(a, "classifier", "")).hasMessageContaining("has no model yet");
            w.runs().finish(a, RunStatus.FINISHED, home.resolve("m1").toString(), 0.9, "");
            long b = w.runs().start(home.resolve("p.netloom"), "run 2", "{}", "d", "f", null, null);
            w.runs().finish(b, RunStatus.FINISHED, home.resolve("m2").toString(), 0.92, "");
            assertThat(w.runs().register(a, "classifier", "first").version()).isEqualTo(1);
            assertThat(w.runs().register(b, "classifier", "better").version()).isEqualTo(2);
            assertThat(w.runs().register(b, "other", "").version()).isEqualTo(1);
            assertThat(w.runs().versions()).extracting(ModelVersion::name, ModelVersion::version)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("classifier", 1),
                            org.assertj.core.groups.Tuple.tuple("classifier", 2), org.assertj.core.groups.Tuple.tuple("other", 1));
        }
    }

    @Test
    void bundlesAreFoundFromTheirArtifact() throws Exception {
        try (Workspace w = Workspace.open(home)) {
            w.runs().bundle(home.resolve("m1"), home.resolve("b1"), "raspberry-pi-5", "int4", 0.91, 60_000);
            w.runs().bundle(home.resolve("m1/../m1"), home.resolve("b2"), "browser-wasm", "int8", null, 90_000);
            assertThat(w.runs().bundles(home.resolve("m1"))).extracting(BundleRecord::device)
                    .containsExactlyInAnyOrder("raspberry-pi-5", "browser-wasm");
            assertThat(w.runs().bundles(home.resolve("m2"))).isEmpty();
        }
    }

    @Test
    void aWorkspaceAtSchema1IsMigrated() throws Exception {
        try (Workspace w = Workspace.open(home, Migrations.ALL.subList(0, 1))) {
            w.putSetting("theme", "dark");
        }
        try (Workspace w = Workspace.open(home)) {
            assertThat(w.schemaVersion()).isEqualTo(Migrations.ALL.get(Migrations.ALL.size() - 1).version());
            assertThat(w.setting("theme")).contains("dark");
            assertThat(w.runs().runs(Optional.empty())).isEmpty();
        }
    }

    /** Epochs recorded at schema 2 survive the step that lets metrics be NaN. */
    @Test
    void epochsOfASchema2WorkspaceSurviveMigration3() throws Exception {
        long id;
        try (Workspace w = Workspace.open(home, Migrations.ALL.subList(0, 2))) {
            id = w.runs().start(home.resolve("p.netloom"), "run 1", "{}", "set", "f", null, null);
            w.runs().epoch(new EpochRecord(id, 1, 0.9, 0.5, 0.8, 0.6, 1.0, "{}"));
        }
        try (Workspace w = Workspace.open(home)) {
            assertThat(w.runs().epochs(id)).singleElement().satisfies(e -> assertThat(e.validationAccuracy()).isEqualTo(0.6));
        }
    }

    /** A diverged epoch (NaN loss) is recorded with its NaN, not dropped by a NOT NULL constraint. */
    @Test
    void anEpochWithNaNMetricsIsKept() throws Exception {
        try (Workspace w = Workspace.open(home)) {
            RunLog log = w.runs();
            long id = log.start(home.resolve("p.netloom"), "run 1", "{}", "set", "f", null, null);
            log.epoch(new EpochRecord(id, 1, 0.9, 0.5, 0.8, 0.6, 1.0, "{}"));
            log.epoch(new EpochRecord(id, 2, Double.NaN, 0.1, Double.NaN, Double.NaN, 1.0, "{}"));
            java.util.List<EpochRecord> epochs = log.epochs(id);
            assertThat(epochs).hasSize(2);
            assertThat(epochs.get(1).trainLoss()).isNaN();
            assertThat(epochs.get(1).validationAccuracy()).isNaN();
            assertThat(epochs.get(1).trainAccuracy()).isEqualTo(0.1);
            assertThat(log.run(id).orElseThrow().bestValidationAccuracy()).isEqualTo(0.6);
        }
    }
}
