package dev.netloom.hpo.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netloom.hpo.FrozenTrial;
import dev.netloom.hpo.Objective;
import dev.netloom.hpo.Study;
import dev.netloom.hpo.TrialState;
import dev.netloom.hpo.sampler.RandomSampler;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.io.TempDir;

/**
 * Separate {@code java} processes sharing one study, as {@code netloom tune-worker}s would: on
 * SQLite always, and on PostgreSQL when {@code NETLOOM_TEST_POSTGRES_URL} names a server (CI starts
 * one with hpo/scripts/with-postgres.sh).
 */
class WorkerProcessesTest {

    @TempDir
    Path dir;

    /** The storages to test: a SQLite file, and the PostgreSQL server when one is given. */
    static java.util.stream.Stream<String> storages() {
        String postgres = System.getenv("NETLOOM_TEST_POSTGRES_URL");
        return postgres == null ? java.util.stream.Stream.of("sqlite") : java.util.stream.Stream.of("sqlite", postgres);
    }

    private String url(String storage, String file) {
        return storage.equals("sqlite") ? "sqlite:" + dir.resolve(file) : storage;
    }

    /** Studies on a shared server need names no earlier run used. */
    private static String unique(String name) {
        return name + "-" + Long.toHexString(System.nanoTime());
    }

    private Process start(String db, String study, int trials, Path log, String mode) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx128m", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"), StudyWorkerMain.class.getName(),
                db, study, Integer.toString(trials), log.toString(), mode);
        pb.redirectErrorStream(true);
        return pb.start();
    }

    private static String output(Process p) throws Exception {
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("storages")
    void fourWorkerProcessesLoseNoTrialAndRunNoneTwice(String where) throws Exception {
        String db = url(where, "shared.db");
        String name = unique("shared");
        try (Storage storage = StorageUrl.open(db)) {
            Study study = Study.builder(storage).setName(name).build();
            for (int i = 0; i < 8; i++) {
                study.enqueueTrial(Map.of("x", i * 0.5));
            }
        }
        List<Process> workers = new ArrayList<>();
        List<Path> logs = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            logs.add(dir.resolve("worker" + w + ".log"));
            workers.add(start(db, name, 15, logs.get(w), "run"));
        }
        for (Process p : workers) {
            String out = output(p);
            assertThat(p.waitFor(90, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(out).isZero();
        }
        List<Integer> evaluated = new ArrayList<>();
        for (Path log : logs) {
            Files.readAllLines(log).forEach(l -> evaluated.add(Integer.parseInt(l)));
        }
        assertThat(evaluated).as("every evaluation, from all logs").hasSize(60).doesNotHaveDuplicates();
        try (Storage storage = StorageUrl.open(db)) {
            List<FrozenTrial> trials = Study.builder(storage).setName(name).build().trials();
            assertThat(trials).extracting(FrozenTrial::number).containsExactlyElementsOf(IntStream.range(0, 60).boxed().toList());
            assertThat(trials).allSatisfy(t -> assertThat(t.state()).isEqualTo(TrialState.COMPLETE));
            assertThat(evaluated).containsExactlyInAnyOrderElementsOf(trials.stream().map(FrozenTrial::number).toList());
            assertThat(trials.subList(0, 8)).extracting(t -> t.params().get("x"))
                    .containsExactly(0.0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5);
        }
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("storages")
    void aWorkerKilledMidTrialLeavesAConsistentStudyAndItsTrialIsReapedAndRetried(String where) throws Exception {
        String db = url(where, "killed.db");
        String name = unique("killed");
        Path log = dir.resolve("killed.log");
        Process worker = start(db, name, 1, log, "hang");
        int number;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(worker.getInputStream(), StandardCharsets.UTF_8))) {
            String line = out.readLine();
            StringBuilder seen = new StringBuilder();
            while (line != null && !line.startsWith("started ")) {
                seen.append(line).append('\n'); // driver log lines come first
                line = out.readLine();
            }
            assertThat(line).as(seen.toString()).startsWith("started ");
            number = Integer.parseInt(line.substring("started ".length()));
            worker.destroyForcibly(); // SIGKILL: no shutdown hook, no finally
            assertThat(worker.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(worker.exitValue()).isEqualTo(137);
        try (Storage storage = StorageUrl.open(db)) {
            Study study = Study.builder(storage).setName(name).optSampler(new RandomSampler(1))
                    .optHeartbeat(Duration.ofMillis(200), Duration.ofSeconds(1)).optRetryFailedTrials(1).build();
            FrozenTrial orphan = study.trials().get(number);
            assertThat(orphan.state()).isEqualTo(TrialState.RUNNING);
            double x = (double) orphan.params().get("x");
            List<FrozenTrial> reaped = List.of();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (reaped.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(100); // the point of the test: wait for the 1 s heartbeat grace to pass
                reaped = study.reapStaleTrials();
            }
            assertThat(reaped).extracting(FrozenTrial::number).containsExactly(number);
            assertThat(study.trials().get(number).failReason()).contains("stopped heart-beating");
            study.optimize(Objective.single(t -> Math.abs(t.suggestFloat("x", -5, 5))), 1);
            FrozenTrial retry = study.trials().get(number + 1);
            assertThat(retry.state()).isEqualTo(TrialState.COMPLETE);
            assertThat(retry.params()).containsEntry("x", x);
            assertThat(retry.systemAttrs()).containsEntry(Study.RETRY_OF, Integer.toString(number));
        }
    }
}
