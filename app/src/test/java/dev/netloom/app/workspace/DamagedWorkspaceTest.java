package dev.netloom.app.workspace;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** A damaged or emptied workspace file is kept under a dated name and a fresh one started, saying so. */
class DamagedWorkspaceTest {

    @TempDir
    Path home;

    private List<Path> setAside() throws Exception {
        try (Stream<Path> files = Files.list(home)) {
            return files.filter(p -> p.getFileName().toString().startsWith("workspace.db.damaged-")
                    && !p.getFileName().toString().endsWith("-wal") && !p.getFileName().toString().endsWith("-shm")).toList();
        }
    }

    private void assertFreshAndUsable() throws SQLException {
        try (Workspace w = Workspace.open(home)) {
            assertThat(w.notice()).as("a second open finds the fresh file sound").isEmpty();
            assertThat(w.schemaVersion()).isEqualTo(Migrations.ALL.get(Migrations.ALL.size() - 1).version());
            w.putSetting("theme", "dark");
            assertThat(w.setting("theme")).hasValue("dark");
        }
    }

    @Test
    void aFileThatIsNotADatabaseIsKeptAsideAndAFreshOneStarted() throws Exception {
        byte[] junk = "this is not a database, it is a shopping list\n".repeat(200).getBytes(StandardCharsets.UTF_8);
        Files.write(home.resolve("workspace.db"), junk);
        try (Workspace w = Workspace.open(home)) {
            assertThat(w.notice()).hasValueSatisfying(line -> assertThat(line)
                    .contains("could not be used", "workspace.db.damaged-", "new, empty workspace").doesNotContain("\n")
                    .doesNotContain("SQLITE_", "Exception"));
            w.putSetting("after", "yes");
        }
        assertThat(setAside()).singleElement().satisfies(p -> assertThat(Files.readAllBytes(p)).isEqualTo(junk));
        assertFreshAndUsable();
    }

    @Test
    void aTruncatedFileIsNotSilentlyRebuilt() throws Exception {
        Files.createFile(home.resolve("workspace.db"));
        try (Workspace w = Workspace.open(home)) {
            assertThat(w.notice()).hasValueSatisfying(line -> assertThat(line).contains("empty (0 bytes)"));
        }
        assertThat(setAside()).singleElement().satisfies(p -> assertThat(p).isEmptyFile());
        assertFreshAndUsable();
    }

    @Test
    void aDatabaseWithDamagedPagesIsKeptAsideAndAFreshOneStarted() throws Exception {
        try (Workspace w = Workspace.open(home)) {
            for (int i = 0; i < 400; i++) {
                w.putSetting("key-" + i, "a value long enough to fill several pages of the file ".repeat(4) + i);
            }
            w.runs().start(home.resolve("p.netloom"), "run 1", "{}", "set", "f", null, null);
        }
        checkpoint();
        Path db = home.resolve("workspace.db");
        long size = Files.size(db);
        assertThat(size).isGreaterThan(8 * 4096);
        try (RandomAccessFile f = new RandomAccessFile(db.toFile(), "rw")) {
            // Pages 2 onwards hold the tables' b-trees: overwrite the middle of the file.
            f.seek(2 * 4096);
            byte[] noise = new byte[4 * 4096];
            new java.util.Random(7).nextBytes(noise);
            f.write(noise);
        }
        try (Workspace w = Workspace.open(home)) {
            assertThat(w.notice()).isPresent();
            assertThat(w.runs().runs(Optional.empty())).isEmpty();
        }
        assertThat(setAside()).hasSize(1);
        assertFreshAndUsable();
    }

    /** Folds the WAL into the main file so the damage below lands on the tables. */
    private void checkpoint() throws SQLException {
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + home.resolve("workspace.db"));
             var s = c.createStatement()) {
            s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            s.execute("PRAGMA journal_mode = DELETE");
        }
    }

    @Test
    void aSoundWorkspaceOpensWithoutANotice() throws Exception {
        try (Workspace w = Workspace.open(home)) {
            assertThat(w.notice()).isEmpty();
        }
        assertFreshAndUsable();
        assertThat(setAside()).isEmpty();
        try (Stream<Path> files = Files.list(home)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".creating"));
        }
    }

    @Test
    void aCreationKilledHalfWayLeavesNothingBehindAfterTheNextStart() throws Exception {
        Files.writeString(home.resolve(".workspace.db.999999.creating"), "half");
        try (Workspace w = Workspace.open(home)) {
            assertThat(w.notice()).isEmpty();
        }
        assertThat(home.resolve(".workspace.db.999999.creating")).doesNotExist();
    }
}
