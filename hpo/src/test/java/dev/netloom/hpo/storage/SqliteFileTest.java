package dev.netloom.hpo.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netloom.hpo.FrozenTrial;
import dev.netloom.hpo.Study;
import dev.netloom.hpo.TrialState;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What opening an SQLite study file refuses, and how an old schema is migrated. */
class SqliteFileTest {

    @TempDir
    Path dir;

    @Test
    void aFileThatIsNotSqliteIsRefusedAndLeftAlone() throws Exception {
        Path file = dir.resolve("notes.db");
        Files.writeString(file, "my thesis, do not overwrite\n".repeat(100));
        byte[] before = Files.readAllBytes(file);
        assertThatThrownBy(() -> JdbcStorage.sqlite(file)).isInstanceOf(StorageException.class)
                .hasMessageContaining("is not an SQLite database").hasMessageContaining("refusing");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }

    @Test
    void aCorruptedSqliteFileIsRefusedAndLeftAlone() throws Exception {
        Path file = dir.resolve("broken.db");
        try (JdbcStorage s = JdbcStorage.sqlite(file)) {
            long id = s.createStudy("x", List.of(dev.netloom.hpo.StudyDirection.MINIMIZE)).id();
            for (int i = 0; i < 50; i++) {
                s.createTrial(id, TrialState.RUNNING, java.util.Map.of(), java.util.Map.of(), java.util.Map.of("pad", "p".repeat(200)));
            }
        }
        byte[] bytes = Files.readAllBytes(file);
        // Keep the header, scribble over the pages behind it.
        for (int i = 100; i < bytes.length; i += 7) {
            bytes[i] = (byte) (i * 31);
        }
        Files.write(file, bytes);
        Files.deleteIfExists(dir.resolve("broken.db-wal"));
        assertThatThrownBy(() -> JdbcStorage.sqlite(file)).isInstanceOf(StorageException.class)
                .hasMessageContaining("broken.db").hasMessageContaining("refusing");
        assertThat(Files.readAllBytes(file)).isEqualTo(bytes);
    }

    @Test
    void aDatabaseOfAnotherApplicationIsRefusedUnlessSharedOnPurpose() throws Exception {
        Path file = dir.resolve("other.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)");
            s.execute("INSERT INTO notes (body) VALUES ('keep me')");
        }
        assertThatThrownBy(() -> JdbcStorage.sqlite(file)).isInstanceOf(StorageException.class)
                .hasMessageContaining("belongs to another application (tables [notes])");
        try (JdbcStorage shared = JdbcStorage.sqlite(file, true)) {
            assertThat(shared.schemaVersion()).isEqualTo(Schema.CURRENT);
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            var rs = s.executeQuery("SELECT body FROM notes");
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("keep me");
        }
    }

    @Test
    void aNewerSchemaIsRefusedWithBothVersions() throws Exception {
        Path file = dir.resolve("future.db");
        JdbcStorage.sqlite(file).close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("UPDATE hpo_meta SET value = '99' WHERE key = 'schema_version'");
        }
        assertThatThrownBy(() -> JdbcStorage.sqlite(file)).isInstanceOf(StorageException.class)
                .hasMessageContaining("schema version 99").hasMessageContaining("reads versions up to " + Schema.CURRENT);
    }

    @Test
    void aFileOfSchemaVersionOneIsMigratedAndItsTrialsKept() throws Exception {
        Path file = dir.resolve("v1.db");
        try (InputStream in = getClass().getResourceAsStream("study-schema-v1.db")) {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
        try (JdbcStorage storage = JdbcStorage.sqlite(file)) {
            assertThat(storage.schemaVersion()).isEqualTo(2);
            Study study = Study.builder(storage).setName("old-study")
                    .optHeartbeat(Duration.ofMillis(100), Duration.ofDays(365 * 20)).build();
            List<FrozenTrial> trials = study.trials();
            assertThat(trials).hasSize(2);
            FrozenTrial done = trials.get(0);
            assertThat(done.value()).isEqualTo(0.25);
            assertThat(done.params()).containsEntry("lr", 0.001).containsEntry("act", "gelu");
            assertThat(done.userAttrs()).containsEntry("note", "written by schema 1");
            // The v1 running trial got its start as heartbeat, so it is stale now and gets reaped.
            List<FrozenTrial> reaped = storage.failStaleTrials(study.id(), Duration.ofMinutes(1));
            assertThat(reaped).extracting(FrozenTrial::number).containsExactly(1);
        }
    }

    @Test
    void theFileIsInWalModeAndStaysSqlite() throws Exception {
        Path file = dir.resolve("wal.db");
        JdbcStorage.sqlite(file).close();
        byte[] head = Arrays.copyOf(Files.readAllBytes(file), 16);
        assertThat(new String(head, StandardCharsets.US_ASCII)).startsWith("SQLite format 3");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            var rs = s.executeQuery("PRAGMA journal_mode");
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("wal");
        }
    }

    @Test
    void storageUrlsOpenTheRightStorage() {
        try (Storage m = StorageUrl.open("memory:")) {
            assertThat(m).isInstanceOf(InMemoryStorage.class);
        }
        try (Storage s = StorageUrl.open("sqlite:" + dir.resolve("url.db"))) {
            assertThat(s).isInstanceOf(JdbcStorage.class);
        }
        assertThat(dir.resolve("url.db")).exists();
        assertThatThrownBy(() -> StorageUrl.open("mysql://x")).hasMessageContaining("postgresql://host:port/db?user=");
    }
}
