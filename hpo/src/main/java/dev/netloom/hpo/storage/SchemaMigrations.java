package dev.netloom.hpo.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * The one migration runner of the SQL stores (this library's study storage and the studio's
 * workspace): an ordered list of schema steps, applied in one transaction with the version read
 * inside it, so of several processes opening an old database at once one migrates and the others
 * find nothing left to do. A database of a newer version is refused; a step that fails is named
 * and leaves the database as it was. Steps are never edited once shipped; a change is a new step.
 */
public final class SchemaMigrations {

    /**
     * One step: the statements that take version {@code version - 1} to {@code version}.
     *
     * @param version the schema version after this step (the first step is 1)
     * @param description what the step adds, for messages and for people reading the list
     * @param statements SQL statements, run in order
     */
    public record Step(int version, String description, List<String> statements) {
        public Step {
            statements = List.copyOf(statements);
        }

        /** A step from a script of statements separated by semicolons. */
        public static Step script(int version, String description, String sql) {
            return new Step(version, description, Arrays.stream(sql.split(";")).filter(s -> !s.isBlank()).toList());
        }
    }

    /** Where a database keeps its schema version (a table, or SQLite's {@code user_version}). */
    public interface VersionRecord {
        /** The version the database is at; 0 for a new one. */
        int read(Connection c) throws SQLException;

        /** Records the version a step has brought the database to, in the same transaction. */
        void write(Connection c, int version) throws SQLException;
    }

    /** A database written by a newer version: refused, never migrated down or written to. */
    public static final class NewerSchemaException extends SQLException {
        NewerSchemaException(String message) {
            super(message);
        }
    }

    private final List<Step> steps;
    private final VersionRecord version;
    private final UnaryOperator<String> expand;
    private final IntFunction<String> newer;
    private final Predicate<SQLException> passThrough;

    /** Steps in order (versions 1, 2, 3...) and where the version is kept. */
    public SchemaMigrations(List<Step> steps, VersionRecord version) {
        this(steps, version, UnaryOperator.identity(),
                found -> "the database has schema version " + found + ", written by a newer version; this one reads "
                        + "versions up to " + newestOf(steps), e -> false);
    }

    private SchemaMigrations(List<Step> steps, VersionRecord version, UnaryOperator<String> expand,
                             IntFunction<String> newer, Predicate<SQLException> passThrough) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).version() != i + 1) {
                throw new IllegalArgumentException("schema step " + (i + 1) + " has version " + steps.get(i).version()
                        + "; steps are numbered 1, 2, 3... in order");
            }
        }
        this.steps = List.copyOf(steps);
        this.version = version;
        this.expand = expand;
        this.newer = newer;
        this.passThrough = passThrough;
    }

    /** The same with each statement rewritten before it runs (a dialect's column types). */
    public SchemaMigrations expanding(UnaryOperator<String> expand) {
        return new SchemaMigrations(steps, version, expand, newer, passThrough);
    }

    /** The same with the message for a database of a newer version, given the version found. */
    public SchemaMigrations refusingNewer(IntFunction<String> message) {
        return new SchemaMigrations(steps, version, expand, message, passThrough);
    }

    /**
     * The same, passing errors that {@code test} accepts on unchanged rather than naming the step
     * (a busy database to retry, a damaged file to set aside).
     */
    public SchemaMigrations passing(Predicate<SQLException> test) {
        return new SchemaMigrations(steps, version, expand, newer, test);
    }

    /** The version the last step brings a database to. */
    public int newest() {
        return newestOf(steps);
    }

    private static int newestOf(List<Step> steps) {
        return steps.isEmpty() ? 0 : steps.get(steps.size() - 1).version();
    }

    /**
     * Applies the steps the database lacks inside the caller's transaction, which must hold the
     * database's write lock ({@code BEGIN IMMEDIATE} on SQLite; an advisory lock on PostgreSQL).
     *
     * @throws NewerSchemaException for a database of a newer version
     * @throws SQLException naming the step that failed
     */
    public void applyIn(Connection c) throws SQLException {
        int current = version.read(c);
        if (current > newest()) {
            throw new NewerSchemaException(newer.apply(current));
        }
        for (Step step : steps) {
            if (step.version() <= current) {
                continue;
            }
            try (Statement s = c.createStatement()) {
                for (String sql : step.statements()) {
                    s.execute(expand.apply(sql));
                }
                version.write(c, step.version());
            } catch (SQLException e) {
                if (passThrough.test(e)) {
                    throw e;
                }
                throw new SQLException("migration " + step.version() + " (" + step.description() + ") failed: "
                        + e.getMessage(), e.getSQLState(), e.getErrorCode(), e);
            }
        }
    }

    /**
     * SQLite with autocommit on: when the database is behind, takes the write lock
     * ({@code BEGIN IMMEDIATE}), reads the version again inside the transaction, applies what is
     * missing and commits, or rolls everything back. A database that is up to date takes no lock.
     */
    public void applyToSqlite(Connection c) throws SQLException {
        if (version.read(c) == newest()) {
            return; // the usual open
        }
        try (Statement s = c.createStatement()) {
            s.execute("BEGIN IMMEDIATE");
            try {
                applyIn(c);
                s.execute("COMMIT");
            } catch (SQLException | RuntimeException e) {
                try {
                    s.execute("ROLLBACK");
                } catch (SQLException alreadyEnded) {
                    // SQLite may have rolled back itself (a full disk, a damaged page): nothing left to undo.
                }
                throw e;
            }
        }
    }
}
