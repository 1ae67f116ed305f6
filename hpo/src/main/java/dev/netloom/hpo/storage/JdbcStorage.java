package dev.netloom.hpo.storage;

import dev.netloom.hpo.FrozenTrial;
import dev.netloom.hpo.StudyDirection;
import dev.netloom.hpo.TrialState;
import dev.netloom.hpo.distribution.Distribution;
import dev.netloom.hpo.distribution.DistributionText;
import dev.netloom.hpo.distribution.ValueText;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * A storage in a relational database through JDBC: SQLite (one file, the default) or PostgreSQL
 * (for workers on several machines), with one schema ({@link Schema}, versioned and migrated).
 *
 * <p><b>Thread-safety:</b> safe for many threads: each storage object has one connection, and one
 * lock serializes its use, so each method is one transaction. <b>Process-safety:</b> safe for many
 * processes sharing the database. SQLite runs in WAL mode with a busy timeout, and every
 * transaction is {@code BEGIN IMMEDIATE}, so writers queue for the one write lock instead of
 * failing on lock upgrades; PostgreSQL locks the study's row while numbering a trial. Claiming a
 * WAITING trial and finishing a RUNNING one are compare-and-set updates on the state, so a trial
 * is never run twice and never finished twice.
 *
 * <p>Opening refuses, with a message that says why, a file that is not SQLite, a corrupted one, a
 * database of another application, and one written by a newer schema version; it never
 * overwrites them.
 */
public final class JdbcStorage implements Storage {

    private static final byte[] SQLITE_HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

    private final Connection connection;
    private final Dialect dialect;
    private final String where;
    private final ReentrantLock lock = new ReentrantLock();
    /** Finished trials never change (see {@link Storage}), so each is read from the database once. Guarded by {@link #lock}. */
    private final Map<Long, FrozenTrial> finished = new HashMap<>();

    private JdbcStorage(Connection connection, Dialect dialect, String where) {
        this.connection = connection;
        this.dialect = dialect;
        this.where = where;
    }

    /** Opens (or creates) a study file; refuses files of other applications. */
    public static JdbcStorage sqlite(Path file) {
        return sqlite(file, false);
    }

    /**
     * Opens (or creates) a study file. With {@code shareDatabase}, the study tables may join a
     * database that holds other tables (the studio's workspace file).
     */
    public static JdbcStorage sqlite(Path file, boolean shareDatabase) {
        String where = "database file " + file;
        checkSqliteHeader(file, where);
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(60_000);
        config.enforceForeignKeys(true);
        Connection c = null;
        try {
            c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), config.toProperties());
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA quick_check")) {
                String answer = rs.next() ? rs.getString(1) : "no answer";
                if (!"ok".equals(answer)) {
                    throw new StorageException(where + " is corrupted (" + answer + "); refusing to use it");
                }
            }
            return open(c, Dialect.SQLITE, where, shareDatabase);
        } catch (SQLException e) {
            closeQuietly(c);
            if (e instanceof SQLiteException se && (se.getResultCode() == SQLiteErrorCode.SQLITE_NOTADB
                    || se.getResultCode() == SQLiteErrorCode.SQLITE_CORRUPT)) {
                throw new StorageException(where + " is not a readable SQLite database (" + e.getMessage()
                        + "); refusing to use it", e);
            }
            throw new StorageException("cannot open " + where + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(c);
            throw e;
        }
    }

    /** Opens a PostgreSQL database from a JDBC URL ({@code jdbc:postgresql://host:port/db?user=...}). */
    public static JdbcStorage postgresql(String jdbcUrl) {
        String where = "PostgreSQL database " + jdbcUrl.replaceAll("password=[^&]*", "password=***");
        Connection c = null;
        try {
            c = DriverManager.getConnection(jdbcUrl);
            return open(c, Dialect.POSTGRESQL, where, false);
        } catch (SQLException e) {
            closeQuietly(c);
            throw new StorageException("cannot open " + where + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(c);
            throw e;
        }
    }

    private static JdbcStorage open(Connection c, Dialect dialect, String where, boolean share) throws SQLException {
        JdbcStorage storage = new JdbcStorage(c, dialect, where);
        // SQLite: autocommit on, with explicit BEGIN IMMEDIATE per transaction, because the driver's
        // own transactions begin again right after each commit and would hold the write lock between calls.
        c.setAutoCommit(dialect == Dialect.SQLITE);
        storage.inTransaction(() -> {
            if (dialect == Dialect.POSTGRESQL) {
                // Two processes creating the schema at once would collide; one waits for the other.
                try (Statement s = c.createStatement()) {
                    s.execute("SELECT pg_advisory_xact_lock(7263541)");
                }
            }
            Schema.prepare(c, dialect, where, share);
            return null;
        });
        return storage;
    }

    private static void checkSqliteHeader(Path file, String where) {
        try {
            if (!Files.exists(file) || Files.size(file) == 0) {
                return;
            }
            byte[] head = new byte[SQLITE_HEADER.length];
            int n;
            try (InputStream in = Files.newInputStream(file)) {
                n = in.readNBytes(head, 0, head.length);
            }
            if (n < head.length || !Arrays.equals(head, SQLITE_HEADER)) {
                throw new StorageException(where + " is not an SQLite database (its first bytes are not"
                        + " 'SQLite format 3'); refusing to open or overwrite it");
            }
        } catch (IOException e) {
            throw new StorageException("cannot read " + where + ": " + e.getMessage(), e);
        }
    }

    /** The schema version of the open database. */
    public int schemaVersion() {
        return inTransaction(() -> {
            try (Statement s = connection.createStatement();
                 ResultSet rs = s.executeQuery("SELECT value FROM hpo_meta WHERE key = 'schema_version'")) {
                rs.next();
                return Integer.parseInt(rs.getString(1));
            }
        });
    }

    @Override
    public StudyRecord createStudy(String name, List<StudyDirection> directions) {
        return inTransaction(() -> {
            if (findStudyIn(name).isPresent()) {
                throw new StorageException("a study named '" + name + "' exists already in " + where);
            }
            String dirs = String.join(",", directions.stream().map(Enum::name).toList());
            try (PreparedStatement p = connection.prepareStatement(
                    "INSERT INTO hpo_studies (name, directions, created_at) VALUES (?, ?, ?) RETURNING study_id")) {
                p.setString(1, name);
                p.setString(2, dirs);
                p.setLong(3, System.currentTimeMillis());
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                    return new StudyRecord(rs.getLong(1), name, directions);
                }
            }
        });
    }

    @Override
    public Optional<StudyRecord> findStudy(String name) {
        return inTransaction(() -> findStudyIn(name));
    }

    private Optional<StudyRecord> findStudyIn(String name) throws SQLException {
        try (PreparedStatement p = connection.prepareStatement(
                "SELECT study_id, name, directions FROM hpo_studies WHERE name = ?")) {
            p.setString(1, name);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? Optional.of(study(rs)) : Optional.empty();
            }
        }
    }

    private static StudyRecord study(ResultSet rs) throws SQLException {
        List<StudyDirection> dirs = Arrays.stream(rs.getString(3).split(",")).map(StudyDirection::valueOf).toList();
        return new StudyRecord(rs.getLong(1), rs.getString(2), dirs);
    }

    @Override
    public List<StudyRecord> studies() {
        return inTransaction(() -> {
            List<StudyRecord> out = new ArrayList<>();
            try (Statement s = connection.createStatement();
                 ResultSet rs = s.executeQuery("SELECT study_id, name, directions FROM hpo_studies ORDER BY study_id")) {
                while (rs.next()) {
                    out.add(study(rs));
                }
            }
            return out;
        });
    }

    @Override
    public void deleteStudy(long studyId) {
        inTransaction(() -> {
            for (String table : List.of("hpo_trial_values", "hpo_trial_params", "hpo_trial_intermediate",
                    "hpo_trial_user_attrs", "hpo_trial_system_attrs")) {
                update("DELETE FROM " + table + " WHERE trial_id IN (SELECT trial_id FROM hpo_trials WHERE study_id = ?)",
                        studyId);
            }
            update("DELETE FROM hpo_trials WHERE study_id = ?", studyId);
            update("DELETE FROM hpo_studies WHERE study_id = ?", studyId);
            finished.clear();
            return null;
        });
    }

    @Override
    public FrozenTrial createTrial(long studyId, TrialState state, Map<String, Double> internalParams,
                                   Map<String, Distribution> distributions, Map<String, String> systemAttrs) {
        if (state != TrialState.RUNNING && state != TrialState.WAITING) {
            throw new IllegalArgumentException("a new trial is RUNNING or WAITING, not " + state);
        }
        return inTransaction(() -> {
            try (PreparedStatement p = connection.prepareStatement(
                    "SELECT study_id FROM hpo_studies WHERE study_id = ?" + dialect.forUpdate)) {
                p.setLong(1, studyId);
                try (ResultSet rs = p.executeQuery()) {
                    if (!rs.next()) {
                        throw new StorageException("no study with id " + studyId + " in " + where);
                    }
                }
            }
            int number;
            try (PreparedStatement p = connection.prepareStatement(
                    "SELECT COALESCE(MAX(number), -1) + 1 FROM hpo_trials WHERE study_id = ?")) {
                p.setLong(1, studyId);
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                    number = rs.getInt(1);
                }
            }
            Long now = state == TrialState.RUNNING ? System.currentTimeMillis() : null;
            long trialId;
            try (PreparedStatement p = connection.prepareStatement("INSERT INTO hpo_trials"
                    + " (study_id, number, state, datetime_start, heartbeat) VALUES (?, ?, ?, ?, ?) RETURNING trial_id")) {
                p.setLong(1, studyId);
                p.setInt(2, number);
                p.setString(3, state.name());
                setLong(p, 4, now);
                setLong(p, 5, now);
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                    trialId = rs.getLong(1);
                }
            }
            for (Map.Entry<String, Double> e : internalParams.entrySet()) {
                insertParam(trialId, e.getKey(), distributions.get(e.getKey()), e.getValue());
            }
            for (Map.Entry<String, String> e : systemAttrs.entrySet()) {
                upsertAttr("hpo_trial_system_attrs", trialId, e.getKey(), e.getValue());
            }
            return readTrial(trialId);
        });
    }

    @Override
    public Optional<FrozenTrial> claimWaitingTrial(long studyId) {
        return inTransaction(() -> {
            while (true) {
                Long id = null;
                try (PreparedStatement p = connection.prepareStatement("SELECT trial_id FROM hpo_trials"
                        + " WHERE study_id = ? AND state = 'WAITING' ORDER BY number LIMIT 1")) {
                    p.setLong(1, studyId);
                    try (ResultSet rs = p.executeQuery()) {
                        if (rs.next()) {
                            id = rs.getLong(1);
                        }
                    }
                }
                if (id == null) {
                    return Optional.empty();
                }
                long now = System.currentTimeMillis();
                // Compare-and-set: only one worker moves a WAITING trial to RUNNING.
                int changed = update("UPDATE hpo_trials SET state = 'RUNNING', datetime_start = ?, heartbeat = ?"
                        + " WHERE trial_id = ? AND state = 'WAITING'", now, now, id);
                if (changed == 1) {
                    return Optional.of(readTrial(id));
                }
            }
        });
    }

    @Override
    public void setParam(long trialId, String name, Distribution distribution, double internalValue) {
        inTransaction(() -> {
            requireRunning(trialId);
            insertParam(trialId, name, distribution, internalValue);
            return null;
        });
    }

    private void insertParam(long trialId, String name, Distribution d, double value) throws SQLException {
        try (PreparedStatement p = connection.prepareStatement("INSERT INTO hpo_trial_params"
                + " (trial_id, name, position, distribution, internal_value) VALUES (?, ?,"
                + " (SELECT COUNT(*) FROM hpo_trial_params WHERE trial_id = ?), ?, ?)")) {
            p.setLong(1, trialId);
            p.setString(2, name);
            p.setLong(3, trialId);
            p.setString(4, DistributionText.write(d));
            p.setDouble(5, value);
            p.executeUpdate();
        }
    }

    @Override
    public void setIntermediateValue(long trialId, int step, double value) {
        inTransaction(() -> {
            requireRunning(trialId);
            update("DELETE FROM hpo_trial_intermediate WHERE trial_id = ? AND step = ?", trialId, step);
            try (PreparedStatement p = connection.prepareStatement(
                    "INSERT INTO hpo_trial_intermediate (trial_id, step, value) VALUES (?, ?, ?)")) {
                p.setLong(1, trialId);
                p.setInt(2, step);
                setDouble(p, 3, value);
                p.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void setUserAttr(long trialId, String key, Object value) {
        String text = ValueText.write(value);
        inTransaction(() -> {
            requireUnfinished(trialId);
            upsertAttr("hpo_trial_user_attrs", trialId, key, text);
            return null;
        });
    }

    @Override
    public void setSystemAttr(long trialId, String key, String value) {
        inTransaction(() -> {
            requireUnfinished(trialId);
            upsertAttr("hpo_trial_system_attrs", trialId, key, value);
            return null;
        });
    }

    private void upsertAttr(String table, long trialId, String key, String value) throws SQLException {
        update("DELETE FROM " + table + " WHERE trial_id = ? AND key = ?", trialId, key);
        try (PreparedStatement p = connection.prepareStatement(
                "INSERT INTO " + table + " (trial_id, key, value) VALUES (?, ?, ?)")) {
            p.setLong(1, trialId);
            p.setString(2, key);
            p.setString(3, value);
            p.executeUpdate();
        }
    }

    @Override
    public boolean finishTrial(long trialId, TrialState state, List<Double> values) {
        if (!state.isFinished()) {
            throw new IllegalArgumentException("finish to COMPLETE, PRUNED or FAIL, not " + state);
        }
        return inTransaction(() -> {
            requireTrial(trialId);
            int changed = update("UPDATE hpo_trials SET state = ?, datetime_complete = ?"
                    + " WHERE trial_id = ? AND state = 'RUNNING'", state.name(), System.currentTimeMillis(), trialId);
            if (changed == 0) {
                return false;
            }
            try (PreparedStatement p = connection.prepareStatement(
                    "INSERT INTO hpo_trial_values (trial_id, objective, value) VALUES (?, ?, ?)")) {
                for (int k = 0; k < values.size(); k++) {
                    p.setLong(1, trialId);
                    p.setInt(2, k);
                    setDouble(p, 3, values.get(k));
                    p.executeUpdate();
                }
            }
            return true;
        });
    }

    @Override
    public void recordHeartbeat(long trialId) {
        inTransaction(() -> update("UPDATE hpo_trials SET heartbeat = ? WHERE trial_id = ? AND state = 'RUNNING'",
                System.currentTimeMillis(), trialId));
    }

    @Override
    public List<FrozenTrial> failStaleTrials(long studyId, Duration timeout) {
        return inTransaction(() -> {
            long now = System.currentTimeMillis();
            long limit = now - timeout.toMillis();
            List<long[]> stale = new ArrayList<>();
            try (PreparedStatement p = connection.prepareStatement("SELECT trial_id, heartbeat FROM hpo_trials"
                    + " WHERE study_id = ? AND state = 'RUNNING' AND heartbeat < ?" + dialect.forUpdate)) {
                p.setLong(1, studyId);
                p.setLong(2, limit);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        stale.add(new long[] {rs.getLong(1), rs.getLong(2)});
                    }
                }
            }
            List<FrozenTrial> reaped = new ArrayList<>();
            for (long[] s : stale) {
                int changed = update("UPDATE hpo_trials SET state = 'FAIL', datetime_complete = ?"
                        + " WHERE trial_id = ? AND state = 'RUNNING'", now, s[0]);
                if (changed == 1) {
                    upsertAttr("hpo_trial_system_attrs", s[0], FrozenTrial.FAIL_REASON,
                            StaleTrials.reason(Instant.ofEpochMilli(s[1]), timeout));
                    reaped.add(readTrial(s[0]));
                }
            }
            return reaped;
        });
    }

    @Override
    public FrozenTrial trial(long trialId) {
        return inTransaction(() -> readTrial(trialId));
    }

    @Override
    public List<FrozenTrial> trials(long studyId) {
        return inTransaction(() -> {
            List<Long> ids = new ArrayList<>();
            List<Long> missing = new ArrayList<>();
            try (PreparedStatement p = connection.prepareStatement(
                    "SELECT trial_id FROM hpo_trials WHERE study_id = ? ORDER BY number")) {
                p.setLong(1, studyId);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        long id = rs.getLong(1);
                        ids.add(id);
                        if (!finished.containsKey(id)) {
                            missing.add(id);
                        }
                    }
                }
            }
            Map<Long, FrozenTrial> fresh = new HashMap<>();
            if (!missing.isEmpty()) {
                // Ids are longs read from the database, so writing them into the SQL is safe.
                String condition = missing.size() > ids.size() / 2 ? "t.study_id = ?"
                        : "t.study_id = ? AND t.trial_id IN (" + String.join(",", missing.stream().map(String::valueOf).toList()) + ")";
                for (FrozenTrial t : new TrialReader(connection).read(condition, studyId)) {
                    fresh.put(t.id(), t);
                    remember(t);
                }
            }
            List<FrozenTrial> out = new ArrayList<>(ids.size());
            for (long id : ids) {
                FrozenTrial t = finished.get(id);
                out.add(t != null ? t : fresh.get(id));
            }
            return out;
        });
    }

    private FrozenTrial readTrial(long trialId) throws SQLException {
        FrozenTrial cached = finished.get(trialId);
        if (cached != null) {
            return cached;
        }
        List<FrozenTrial> found = new TrialReader(connection).read("t.trial_id = ?", trialId);
        if (found.isEmpty()) {
            throw new StorageException("no trial with id " + trialId + " in " + where);
        }
        remember(found.get(0));
        return found.get(0);
    }

    private void remember(FrozenTrial t) {
        if (t.state().isFinished()) {
            finished.put(t.id(), t);
        }
    }

    private TrialState requireTrial(long trialId) throws SQLException {
        try (PreparedStatement p = connection.prepareStatement("SELECT state, number FROM hpo_trials WHERE trial_id = ?")) {
            p.setLong(1, trialId);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    throw new StorageException("no trial with id " + trialId + " in " + where);
                }
                return TrialState.valueOf(rs.getString(1));
            }
        }
    }

    private void requireUnfinished(long trialId) throws SQLException {
        TrialState state = requireTrial(trialId);
        if (state.isFinished()) {
            throw new IllegalStateException("trial id " + trialId + " is " + state + "; a finished trial does not change");
        }
    }

    private void requireRunning(long trialId) throws SQLException {
        TrialState state = requireTrial(trialId);
        if (state != TrialState.RUNNING) {
            throw new IllegalStateException("trial id " + trialId + " is " + state + ", not RUNNING");
        }
    }

    private int update(String sql, Object... args) throws SQLException {
        try (PreparedStatement p = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                p.setObject(i + 1, args[i]);
            }
            return p.executeUpdate();
        }
    }

    private static void setLong(PreparedStatement p, int i, Long v) throws SQLException {
        if (v == null) {
            p.setNull(i, Types.BIGINT);
        } else {
            p.setLong(i, v);
        }
    }

    private static void setDouble(PreparedStatement p, int i, double v) throws SQLException {
        // SQLite turns NaN into NULL anyway; do the same everywhere so that both databases read alike.
        if (Double.isNaN(v)) {
            p.setNull(i, Types.DOUBLE);
        } else {
            p.setDouble(i, v);
        }
    }

    /** Work inside one transaction. */
    @FunctionalInterface
    private interface Work<T> {
        T run() throws SQLException;
    }

    private <T> T inTransaction(Work<T> work) {
        lock.lock();
        try {
            for (int attempt = 1; ; attempt++) {
                try {
                    begin();
                    T result = work.run();
                    commit();
                    return result;
                } catch (SQLException e) {
                    rollbackQuietly();
                    if (attempt < 5 && isBusy(e)) {
                        continue;
                    }
                    throw new StorageException(where + ": " + e.getMessage(), e);
                } catch (RuntimeException e) {
                    rollbackQuietly();
                    throw e;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private void begin() throws SQLException {
        if (dialect == Dialect.SQLITE) {
            try (Statement s = connection.createStatement()) {
                s.execute("BEGIN IMMEDIATE");
            }
        }
    }

    private void commit() throws SQLException {
        if (dialect == Dialect.SQLITE) {
            try (Statement s = connection.createStatement()) {
                s.execute("COMMIT");
            }
        } else {
            connection.commit();
        }
    }

    static boolean isBusy(SQLException e) {
        if (e instanceof SQLiteException se) {
            return se.getResultCode().code == SQLiteErrorCode.SQLITE_BUSY.code
                    || se.getResultCode().code == SQLiteErrorCode.SQLITE_LOCKED.code;
        }
        // PostgreSQL serialization failure or deadlock: the transaction can simply run again.
        return "40001".equals(e.getSQLState()) || "40P01".equals(e.getSQLState());
    }

    private void rollbackQuietly() {
        try {
            if (dialect == Dialect.SQLITE) {
                // Fails harmlessly when BEGIN itself failed and no transaction is open.
                try (Statement s = connection.createStatement()) {
                    s.execute("ROLLBACK");
                }
                return;
            }
            connection.rollback();
        } catch (SQLException ignored) {
            // The connection is broken; the next call reports it.
        }
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // Nothing more to release.
            }
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            connection.close();
        } catch (SQLException e) {
            throw new StorageException("cannot close " + where + ": " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }
}
