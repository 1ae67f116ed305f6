package dev.netloom.hpo.storage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The migration runner on its own, on SQLite with the version in {@code user_version}. */
class SchemaMigrationsTest {

    @TempDir
    Path dir;

    private static final SchemaMigrations.VersionRecord USER_VERSION = new SchemaMigrations.VersionRecord() {
        @Override
        public int read(Connection c) throws SQLException {
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("PRAGMA user_version")) {
                return r.getInt(1);
            }
        }

        @Override
        public void write(Connection c, int version) throws SQLException {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA user_version = " + version);
            }
        }
    };

    private static final List<SchemaMigrations.Step> TWO = List.of(
            SchemaMigrations.Step.script(1, "notes", "CREATE TABLE notes (id INTEGER PRIMARY KEY); CREATE TABLE tags (t TEXT)"),
            SchemaMigrations.Step.script(2, "note text", "ALTER TABLE notes ADD COLUMN text TEXT"));

    private Connection open() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("db.sqlite"));
    }

    private static List<String> tables(Connection c) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")) {
            while (r.next()) {
                names.add(r.getString(1));
            }
        }
        return names;
    }

    @Test
    void appliesTheMissingStepsOnceAndInOrder() throws SQLException {
        try (Connection c = open()) {
            new SchemaMigrations(TWO.subList(0, 1), USER_VERSION).applyToSqlite(c);
            assertThat(USER_VERSION.read(c)).isEqualTo(1);
            new SchemaMigrations(TWO, USER_VERSION).applyToSqlite(c);
            new SchemaMigrations(TWO, USER_VERSION).applyToSqlite(c); // ALTER TABLE again would fail
            assertThat(USER_VERSION.read(c)).isEqualTo(2);
            assertThat(tables(c)).containsExactly("notes", "tags");
            try (Statement s = c.createStatement()) {
                s.execute("INSERT INTO notes (text) VALUES ('kept')");
            }
        }
    }

    @Test
    void aNewerDatabaseIsRefusedWithTheStoresOwnWords() throws SQLException {
        try (Connection c = open()) {
            new SchemaMigrations(TWO, USER_VERSION).applyToSqlite(c);
            SchemaMigrations older = new SchemaMigrations(TWO.subList(0, 1), USER_VERSION)
                    .refusingNewer(found -> "notes.db is version " + found + "; this reads up to 1");
            assertThatThrownBy(() -> older.applyToSqlite(c)).isInstanceOf(SchemaMigrations.NewerSchemaException.class)
                    .hasMessage("notes.db is version 2; this reads up to 1");
            assertThat(USER_VERSION.read(c)).isEqualTo(2);
        }
    }

    @Test
    void aFailingStepIsNamedAndLeavesTheDatabaseAsItWas() throws SQLException {
        List<SchemaMigrations.Step> broken = new ArrayList<>(TWO);
        broken.add(SchemaMigrations.Step.script(3, "broken", "CREATE TABLE fine (x); CREATE TABLE notes (x)"));
        try (Connection c = open()) {
            new SchemaMigrations(TWO.subList(0, 1), USER_VERSION).applyToSqlite(c);
            assertThatThrownBy(() -> new SchemaMigrations(broken, USER_VERSION).applyToSqlite(c))
                    .isInstanceOf(SQLException.class).hasMessageStartingWith("migration 3 (broken) failed: ");
            assertThat(USER_VERSION.read(c)).as("step 2 rolled back with step 3").isEqualTo(1);
            assertThat(tables(c)).containsExactly("notes", "tags");
        }
    }

    @Test
    void errorsTheStoreHandlesItselfPassUnchanged() throws SQLException {
        SQLException busy = new SQLException("database is locked");
        List<SchemaMigrations.Step> one = List.of(new SchemaMigrations.Step(1, "x", List.of("SELECT 1")));
        SchemaMigrations.VersionRecord failing = new SchemaMigrations.VersionRecord() {
            @Override
            public int read(Connection c) {
                return 0;
            }

            @Override
            public void write(Connection c, int version) throws SQLException {
                throw busy;
            }
        };
        try (Connection c = open()) {
            assertThatThrownBy(() -> new SchemaMigrations(one, failing).passing(e -> e == busy).applyIn(c)).isSameAs(busy);
            assertThatThrownBy(() -> new SchemaMigrations(one, failing).applyIn(c)).hasMessage("migration 1 (x) failed: database is locked");
        }
    }

    @Test
    void stepsMustBeNumberedFromOneInOrder() {
        assertThatThrownBy(() -> new SchemaMigrations(List.of(TWO.get(1), TWO.get(0)), USER_VERSION))
                .hasMessage("schema step 1 has version 2; steps are numbered 1, 2, 3... in order");
    }

    @Test
    void expandingRewritesEachStatement() throws SQLException {
        List<SchemaMigrations.Step> typed = List.of(new SchemaMigrations.Step(1, "typed", List.of("CREATE TABLE t (v ${double})")));
        try (Connection c = open()) {
            new SchemaMigrations(typed, USER_VERSION).expanding(sql -> sql.replace("${double}", "REAL")).applyToSqlite(c);
            assertThat(tables(c)).containsExactly("t");
        }
    }
}
