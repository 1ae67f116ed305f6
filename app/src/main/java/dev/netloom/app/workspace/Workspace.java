package dev.netloom.app.workspace;

import dev.netloom.hpo.storage.SchemaMigrations;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The studio's one SQLite file ({@code workspace.db} in the Netloom home): settings such as
 * the theme, recent projects, and (through {@link #runs()}) runs, studies, the model registry and
 * exported bundles. Opening it applies any schema {@link SchemaMigrations.Step}s it lacks
 * in one {@code BEGIN IMMEDIATE} transaction and records the version in SQLite's
 * {@code user_version}. A damaged or emptied file is set aside under a dated name and a fresh
 * workspace started, with a {@link #notice()} saying so.
 *
 * <p>Thread-safe: every method is synchronized on the one connection. Calls are short; the
 * window still makes them off the FX thread where it can.
 */
public final class Workspace implements AutoCloseable {

    /** How many recent projects are kept. */
    public static final int RECENT_LIMIT = 10;

    private final Connection connection;
    private final RunLog runs;
    private final Optional<String> notice;

    private Workspace(Connection connection, Optional<String> notice) {
        this.connection = connection;
        this.runs = new RunLog(this, connection);
        this.notice = notice;
    }

    /**
     * The one line to show the user when opening had to set a damaged (or emptied) file aside and
     * start a fresh workspace; empty when the file opened as it was.
     */
    public Optional<String> notice() {
        return notice;
    }

    /** Runs, epochs, studies, the model registry and bundles, on this workspace's connection. */
    public RunLog runs() {
        return runs;
    }

    /** The Netloom home: {@code $NETLOOM_HOME}, else {@code ~/.netloom}. */
    public static Path home(Map<String, String> environment) {
        String configured = environment.get("NETLOOM_HOME");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return Path.of(System.getProperty("user.home"), ".netloom");
    }

    /** Opens (creating if needed) {@code workspace.db} in {@code home} and brings its schema up to date. */
    public static Workspace open(Path home) throws SQLException {
        return open(home, Migrations.ALL);
    }

    static Workspace open(Path home, List<SchemaMigrations.Step> migrations) throws SQLException {
        WorkspaceFile file = new WorkspaceFile(home);
        Optional<String> notice = file.prepare();
        Object seen = file.identity();
        try {
            return connect(file.path(), migrations, notice);
        } catch (SQLException e) {
            if (!WorkspaceFile.isDamage(e)) {
                throw e;
            }
            Optional<String> recovered = file.recover(seen, WorkspaceFile.reason(e));
            return connect(file.path(), migrations, recovered.isPresent() ? recovered : notice);
        }
    }

    private static Workspace connect(Path db, List<SchemaMigrations.Step> migrations, Optional<String> notice) throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        try {
            try (Statement s = c.createStatement()) {
                // The studio and CLI processes (train, tune workers) write to one file: WAL lets them
                // read while another writes, and the timeout makes a writer wait instead of failing.
                s.execute("PRAGMA busy_timeout = 10000");
                s.execute("PRAGMA journal_mode = WAL");
                s.execute("PRAGMA foreign_keys = ON");
            }
            Workspace w = new Workspace(c, notice);
            w.migrate(migrations);
            return w;
        } catch (SQLException | RuntimeException e) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // The first failure is the one to report.
            }
            throw e;
        }
    }

    /** The schema version the file is at. */
    public synchronized int schemaVersion() throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery("PRAGMA user_version")) {
            return r.getInt(1);
        }
    }

    /**
     * Applies the steps the file lacks in one {@code BEGIN IMMEDIATE} transaction, reading the
     * version inside it ({@link SchemaMigrations#applyToSqlite}): of several processes opening a new
     * workspace at once, the first takes the write lock and migrates, the others wait (busy
     * timeout), then read the new version and have nothing left to do.
     */
    private synchronized void migrate(List<SchemaMigrations.Step> migrations) throws SQLException {
        SchemaMigrations runner = new SchemaMigrations(migrations, new SchemaMigrations.VersionRecord() {
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
        });
        runner.refusingNewer(found -> "the workspace was written by a newer Netloom (schema " + found
                        + ", this version knows up to " + runner.newest() + ")")
                .passing(WorkspaceFile::isDamage) // a damaged file is set aside, not blamed on a step
                .applyToSqlite(connection);
    }

    public synchronized Optional<String> setting(String key) {
        try (PreparedStatement s = connection.prepareStatement("SELECT value FROM settings WHERE key = ?")) {
            s.setString(1, key);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read setting " + key + ": " + e.getMessage(), e);
        }
    }

    public synchronized void putSetting(String key, String value) {
        try (PreparedStatement s = connection.prepareStatement(
                "INSERT INTO settings(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")) {
            s.setString(1, key);
            s.setString(2, value);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write setting " + key + ": " + e.getMessage(), e);
        }
    }

    /** Records that a project was opened or saved now; keeps the newest {@link #RECENT_LIMIT}. */
    public synchronized void addRecent(Path project) {
        try (PreparedStatement s = connection.prepareStatement(
                "INSERT INTO recent_projects(path, opened_at) VALUES(?, ?) "
                        + "ON CONFLICT(path) DO UPDATE SET opened_at = excluded.opened_at");
             PreparedStatement trim = connection.prepareStatement(
                     "DELETE FROM recent_projects WHERE path NOT IN "
                             + "(SELECT path FROM recent_projects ORDER BY opened_at DESC LIMIT ?)")) {
            s.setString(1, project.toAbsolutePath().normalize().toString());
            s.setLong(2, Math.max(Instant.now().toEpochMilli(), newestOpenedAt() + 1));
            s.executeUpdate();
            trim.setInt(1, RECENT_LIMIT);
            trim.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record a recent project: " + e.getMessage(), e);
        }
    }

    /** Keeps the order strict even when two projects are recorded within one millisecond. */
    private long newestOpenedAt() throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet r = s.executeQuery("SELECT COALESCE(MAX(opened_at), 0) FROM recent_projects")) {
            return r.getLong(1);
        }
    }

    /** Recent projects, newest first. */
    public synchronized List<RecentProject> recentProjects() {
        List<RecentProject> out = new ArrayList<>();
        try (Statement s = connection.createStatement();
             ResultSet r = s.executeQuery("SELECT path, opened_at FROM recent_projects ORDER BY opened_at DESC")) {
            while (r.next()) {
                out.add(new RecentProject(Path.of(r.getString(1)), Instant.ofEpochMilli(r.getLong(2))));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read recent projects: " + e.getMessage(), e);
        }
        return out;
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            // Closing is best effort; SQLite has committed every statement already.
        }
    }
}
