package dev.netloom.app.workspace;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Eight separate {@code java} processes open a new, empty home at the same moment and each
 * records a run: one file is created, the schema is applied once, and no record is lost.
 */
class WorkspaceRaceTest {

    static final int PROCESSES = 8;

    @TempDir
    Path dir;

    @Test
    void eightProcessesStartingOnAnEmptyHomeLoseNoRecord() throws Exception {
        race(dir.resolve("home"));
    }

    /** The file exists but has no schema yet: all eight race straight into the migrations. */
    @Test
    void eightProcessesMigratingANewFileAtOnceLoseNoRecord() throws Exception {
        Path home = dir.resolve("home");
        Files.createDirectories(home);
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + home.resolve("workspace.db"));
             var s = c.createStatement()) {
            s.execute("PRAGMA journal_mode = WAL");
        }
        race(home);
    }

    private void race(Path home) throws Exception {
        Path go = dir.resolve("go");
        String java = ProcessHandle.current().info().command().orElse("java");
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < PROCESSES; i++) {
            ProcessBuilder pb = new ProcessBuilder(java, "-Xmx96m", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                    "-cp", System.getProperty("java.class.path"), WorkspaceOpener.class.getName(),
                    home.toString(), Integer.toString(i), go.toString());
            pb.redirectErrorStream(true);
            processes.add(pb.start());
        }
        Thread.sleep(1500); // lets the JVMs start and wait on the signal, so the opens overlap
        Files.writeString(go, "go");
        List<String> outputs = new ArrayList<>();
        for (Process p : processes) {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).as(out).isTrue();
            outputs.add(out);
            assertThat(p.exitValue()).as(out).isZero();
        }
        assertThat(String.join("", outputs)).doesNotContain("notice:", "failed");
        try (Workspace w = Workspace.open(home)) {
            assertThat(w.notice()).isEmpty();
            assertThat(w.runs().runs(Optional.empty())).hasSize(PROCESSES);
            for (int i = 0; i < PROCESSES; i++) {
                assertThat(w.setting("opener-" + i)).hasValue(Integer.toString(i));
            }
        }
        try (Stream<Path> files = Files.list(home)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .noneMatch(n -> n.contains("damaged") || n.endsWith(".creating"));
        }
    }
}
