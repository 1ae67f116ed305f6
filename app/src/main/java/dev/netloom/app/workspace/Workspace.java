package dev.netloom.app.workspace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
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
 * exported bundles. Opening it applies any schema {@link Migration}s it lacks,
 * in one transaction each, and records the version in SQLite's {@code user_version}.
 *
 * <p>Thread-safe: every method is synchronized on the one connection. Calls are short; the
 * window still makes them off the FX thread where it can.
 */
public final class Workspace implements AutoCloseable {

    /** How many recent projects are kept. */
    public static final int RECENT_LIMIT = 10;

    private final Connection connection;
    private final RunLog runs;

    private Workspace(Connection connection) {
        this.connection = connection;
        this.runs = new RunLog(this, connection);
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

    static Workspace open(Path home, List<Migration> migrations) throws SQLException {
        try {
            Files.createDirectories(home);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the Netloom home " + home, e);
        }
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + home.resolve("workspace.db"));
        try (Statement s = c.createStatement()) {
            // The studio and CLI processes (train, tune workers) write to one file: WAL lets them
            // read while another writes, and the timeout makes a writer wait instead of failing.
            s.execute("PRAGMA journal_mode = WAL");
            s.execute("PRAGMA busy_timeout = 10000");
            s.execute("PRAGMA foreign_keys = ON");
        }
        Workspace w = new Workspace(c);
        w.migrate(migrations);
        return w;
    }

    /** The schema version the file is at. */
    public synchronized int schemaVersion() throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery("PRAGMA user_version")) {
            return r.getInt(1);
        }
    }

    private synchronized void migrate(List<Migration> migrations) throws SQLException {
        int current = schemaVersion();
        int newest = migrations.isEmpty() ? 0 : migrations.get(migrations.size() - 1).version();
        if (current > newest) {
            throw new SQLException("the workspace was written by a newer Netloom (schema " + current
                    + ", this version knows up to " + newest + ")");
        }
        for (Migration m : migrations) {
            if (m.version() <= current) {
                continue;
            }
            connection.setAutoCommit(false);
            try (Statement s = connection.createStatement()) {
                for (String sql : m.sql().split(";")) {
                    if (!sql.isBlank()) {
                        s.execute(sql);
                    }
                }
                s.execute("PRAGMA user_version = " + m.version());
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw new SQLException("workspace migration " + m.version() + " (" + m.description() + ") failed: "
                        + e.getMessage(), e);
            } finally {
                connection.setAutoCommit(true);
            }
        }
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
