package dev.netloom.app.workspace;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs, their epochs, studies, registered model versions and exported bundles in the workspace.
 * Every call is one statement in autocommit (SQLite), so a run's row and each finished epoch are
 * on disk as soon as they happen: a crash loses at most the epoch in progress, and the run is then
 * marked {@link RunStatus#INTERRUPTED} the next time the studio opens.
 *
 * <p>Shares the workspace's connection and lock ({@link Workspace#runs()}).
 */
public final class RunLog {

    private final Workspace workspace;
    private final Connection connection;

    RunLog(Workspace workspace, Connection connection) {
        this.workspace = workspace;
        this.connection = connection;
    }

    /**
     * Records a run that starts now; returns its id.
     *
     * @param study the study it belongs to, or null
     * @param trial its trial number, or null
     */
    public long start(Path project, String name, String settingsJson, String dataset, String fingerprint, String study,
                      Integer trial) {
        synchronized (workspace) {
            try (PreparedStatement s = connection.prepareStatement("INSERT INTO runs(project, name, started_at, status, "
                    + "settings, dataset, fingerprint, study, trial, pid) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                s.setString(1, key(project));
                s.setString(2, name);
                s.setLong(3, Instant.now().toEpochMilli());
                s.setString(4, RunStatus.RUNNING.name());
                s.setString(5, settingsJson);
                s.setString(6, dataset);
                s.setString(7, fingerprint);
                s.setString(8, study);
                if (trial == null) {
                    s.setNull(9, Types.INTEGER);
                } else {
                    s.setInt(9, trial);
                }
                s.setLong(10, ProcessHandle.current().pid());
                s.executeUpdate();
                try (ResultSet keys = s.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            } catch (SQLException e) {
                throw failure("record a run", e);
            }
        }
    }

    /** Records a finished epoch and keeps the run's best validation accuracy current. */
    public void epoch(EpochRecord e) {
        synchronized (workspace) {
            try (PreparedStatement s = connection.prepareStatement("INSERT OR REPLACE INTO run_epochs(run_id, epoch, "
                    + "train_loss, train_accuracy, validation_loss, validation_accuracy, seconds, expert_share) "
                    + "VALUES(?, ?, ?, ?, ?, ?, ?, ?)");
                 PreparedStatement best = connection.prepareStatement("UPDATE runs SET best_validation_accuracy = "
                         + "MAX(COALESCE(best_validation_accuracy, 0), ?) WHERE id = ?")) {
                s.setLong(1, e.runId());
                s.setInt(2, e.epoch());
                s.setDouble(3, e.trainLoss());
                s.setDouble(4, e.trainAccuracy());
                s.setDouble(5, e.validationLoss());
                s.setDouble(6, e.validationAccuracy());
                s.setDouble(7, e.seconds());
                s.setString(8, e.expertShare());
                s.executeUpdate();
                if (!Double.isNaN(e.validationAccuracy())) { // MAX with a NULL (NaN) would forget the best
                    best.setDouble(1, e.validationAccuracy());
                    best.setLong(2, e.runId());
                    best.executeUpdate();
                }
            } catch (SQLException ex) {
                throw failure("record epoch " + e.epoch() + " of run " + e.runId(), ex);
            }
        }
    }

    /** Records how a run ended. */
    public void finish(long runId, RunStatus status, String artifact, Double testAccuracy, String message) {
        synchronized (workspace) {
            try (PreparedStatement s = connection.prepareStatement("UPDATE runs SET status = ?, ended_at = ?, "
                    + "artifact = COALESCE(?, artifact), test_accuracy = COALESCE(?, test_accuracy), message = ? WHERE id = ?")) {
                s.setString(1, status.name());
                s.setLong(2, Instant.now().toEpochMilli());
                s.setString(3, artifact);
                if (testAccuracy == null) {
                    s.setNull(4, Types.REAL);
                } else {
                    s.setDouble(4, testAccuracy);
                }
                s.setString(5, message == null ? "" : message);
                s.setLong(6, runId);
                s.executeUpdate();
            } catch (SQLException e) {
                throw failure("record the end of run " + runId, e);
            }
        }
    }

    /**
     * Marks runs still recorded as running whose process is gone as interrupted; returns how many.
     * Runs of a live process (another studio, a CLI train) are left alone.
     */
    public int markInterrupted() {
        synchronized (workspace) {
            int marked = 0;
            for (RunRecord r : query("SELECT * FROM runs WHERE status = 'RUNNING'")) {
                long pid = pidOf(r.id());
                if (pid == ProcessHandle.current().pid() || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    continue;
                }
                finish(r.id(), RunStatus.INTERRUPTED, null, null, "the process ended without finishing the run; the "
                        + "epochs recorded are kept");
                marked++;
            }
            return marked;
        }
    }

    /** Runs of one project (or of every project), newest first. */
    public List<RunRecord> runs(Optional<Path> project) {
        return project.map(p -> query("SELECT * FROM runs WHERE project = ? ORDER BY started_at DESC, id DESC", key(p)))
                .orElseGet(() -> query("SELECT * FROM runs ORDER BY started_at DESC, id DESC"));
    }

    public Optional<RunRecord> run(long id) {
        return query("SELECT * FROM runs WHERE id = ?", id).stream().findFirst();
    }

    /** A run's epochs in order. */
    public List<EpochRecord> epochs(long runId) {
        synchronized (workspace) {
            List<EpochRecord> out = new ArrayList<>();
            try (PreparedStatement s = connection.prepareStatement("SELECT run_id, epoch, train_loss, train_accuracy, "
                    + "validation_loss, validation_accuracy, seconds, expert_share FROM run_epochs WHERE run_id = ? "
                    + "ORDER BY epoch")) {
                s.setLong(1, runId);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(new EpochRecord(r.getLong(1), r.getInt(2), real(r, 3), real(r, 4), real(r, 5),
                                real(r, 6), r.getDouble(7), r.getString(8)));
                    }
                }
            } catch (SQLException e) {
                throw failure("read the epochs of run " + runId, e);
            }
            return out;
        }
    }

    /** A metric column: NULL is how SQLite keeps a NaN, so it reads back as NaN, not 0. */
    private static double real(ResultSet r, int column) throws SQLException {
        double v = r.getDouble(column);
        return r.wasNull() ? Double.NaN : v;
    }

    /** Registers a run's model under a name as that name's next version. */
    public ModelVersion register(long runId, String name, String note) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a model version needs a name");
        }
        synchronized (workspace) {
            RunRecord run = run(runId).orElseThrow(() -> new IllegalArgumentException("no run " + runId));
            String artifact = run.artifactPath().orElseThrow(() -> new IllegalArgumentException(
                    "run " + run.name() + " has no model yet; register it once it has finished"));
            try (PreparedStatement s = connection.prepareStatement("INSERT INTO model_versions(name, version, run_id, "
                    + "artifact, note, created_at) VALUES(?, (SELECT COALESCE(MAX(version), 0) + 1 FROM model_versions "
                    + "WHERE name = ?), ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                s.setString(1, name.strip());
                s.setString(2, name.strip());
                s.setLong(3, runId);
                s.setString(4, artifact);
                s.setString(5, note == null ? "" : note);
                s.setLong(6, Instant.now().toEpochMilli());
                s.executeUpdate();
                long id;
                try (ResultSet keys = s.getGeneratedKeys()) {
                    keys.next();
                    id = keys.getLong(1);
                }
                return versions().stream().filter(v -> v.id() == id).findFirst().orElseThrow();
            } catch (SQLException e) {
                throw failure("register run " + runId + " as " + name, e);
            }
        }
    }

    /** Every registered version, by name then version. */
    public List<ModelVersion> versions() {
        synchronized (workspace) {
            List<ModelVersion> out = new ArrayList<>();
            try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery("SELECT id, name, version, "
                    + "run_id, artifact, note, created_at FROM model_versions ORDER BY name, version")) {
                while (r.next()) {
                    long run = r.getLong(4);
                    out.add(new ModelVersion(r.getLong(1), r.getString(2), r.getInt(3), r.wasNull() ? null : run,
                            r.getString(5), r.getString(6), Instant.ofEpochMilli(r.getLong(7))));
                }
            } catch (SQLException e) {
                throw failure("read the model registry", e);
            }
            return out;
        }
    }

    /** Records a bundle exported from an artifact. */
    public void bundle(Path artifact, Path bundle, String device, String precision, Double accuracy, long bytes) {
        synchronized (workspace) {
            try (PreparedStatement s = connection.prepareStatement("INSERT INTO bundles(artifact, bundle, device, "
                    + "precision, accuracy, bytes, created_at) VALUES(?, ?, ?, ?, ?, ?, ?)")) {
                s.setString(1, key(artifact));
                s.setString(2, key(bundle));
                s.setString(3, device);
                s.setString(4, precision);
                if (accuracy == null || accuracy.isNaN()) {
                    s.setNull(5, Types.REAL);
                } else {
                    s.setDouble(5, accuracy);
                }
                s.setLong(6, bytes);
                s.setLong(7, Instant.now().toEpochMilli());
                s.executeUpdate();
            } catch (SQLException e) {
                throw failure("record the bundle " + bundle, e);
            }
        }
    }

    /** Bundles exported from an artifact, newest first. */
    public List<BundleRecord> bundles(Path artifact) {
        synchronized (workspace) {
            List<BundleRecord> out = new ArrayList<>();
            try (PreparedStatement s = connection.prepareStatement("SELECT id, artifact, bundle, device, precision, "
                    + "accuracy, bytes, created_at FROM bundles WHERE artifact = ? ORDER BY created_at DESC, id DESC")) {
                s.setString(1, key(artifact));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        double accuracy = r.getDouble(6);
                        out.add(new BundleRecord(r.getLong(1), r.getString(2), r.getString(3), r.getString(4),
                                r.getString(5), r.wasNull() ? null : accuracy, r.getLong(7),
                                Instant.ofEpochMilli(r.getLong(8))));
                    }
                }
            } catch (SQLException e) {
                throw failure("read the bundles of " + artifact, e);
            }
            return out;
        }
    }

    /** Records a study started for a project (again: the newest settings win). */
    public void study(StudyRecord study) {
        synchronized (workspace) {
            try (PreparedStatement s = connection.prepareStatement("INSERT OR REPLACE INTO studies(name, project, "
                    + "storage, out_dir, objectives, created_at) VALUES(?, ?, ?, ?, ?, ?)")) {
                s.setString(1, study.name());
                s.setString(2, study.project());
                s.setString(3, study.storage());
                s.setString(4, study.outDir());
                s.setString(5, study.objectives());
                s.setLong(6, study.created().toEpochMilli());
                s.executeUpdate();
            } catch (SQLException e) {
                throw failure("record the study " + study.name(), e);
            }
        }
    }

    /** Studies of a project, newest first. */
    public List<StudyRecord> studies(Path project) {
        synchronized (workspace) {
            List<StudyRecord> out = new ArrayList<>();
            try (PreparedStatement s = connection.prepareStatement("SELECT name, project, storage, out_dir, objectives, "
                    + "created_at FROM studies WHERE project = ? ORDER BY created_at DESC")) {
                s.setString(1, key(project));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(new StudyRecord(r.getString(1), r.getString(2), r.getString(3), r.getString(4),
                                r.getString(5), Instant.ofEpochMilli(r.getLong(6))));
                    }
                }
            } catch (SQLException e) {
                throw failure("read the studies of " + project, e);
            }
            return out;
        }
    }

    /** How the workspace names a file: absolute and normalised, so one file is one key. */
    public static String key(Path file) {
        return file.toAbsolutePath().normalize().toString();
    }

    private long pidOf(long runId) {
        try (PreparedStatement s = connection.prepareStatement("SELECT pid FROM runs WHERE id = ?")) {
            s.setLong(1, runId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getLong(1) : 0;
            }
        } catch (SQLException e) {
            throw failure("read run " + runId, e);
        }
    }

    private List<RunRecord> query(String sql, Object... args) {
        synchronized (workspace) {
            List<RunRecord> out = new ArrayList<>();
            try (PreparedStatement s = connection.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    s.setObject(i + 1, args[i]);
                }
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        long ended = r.getLong("ended_at");
                        Instant end = r.wasNull() ? null : Instant.ofEpochMilli(ended);
                        double test = r.getDouble("test_accuracy");
                        Double testAccuracy = r.wasNull() ? null : test;
                        double best = r.getDouble("best_validation_accuracy");
                        Double bestValidation = r.wasNull() ? null : best;
                        int trial = r.getInt("trial");
                        Integer trialNumber = r.wasNull() ? null : trial;
                        out.add(new RunRecord(r.getLong("id"), r.getString("project"), r.getString("name"),
                                Instant.ofEpochMilli(r.getLong("started_at")), end, RunStatus.valueOf(r.getString("status")),
                                r.getString("settings"), r.getString("dataset"), r.getString("fingerprint"),
                                r.getString("artifact"), testAccuracy, bestValidation, r.getString("study"), trialNumber,
                                r.getString("message")));
                    }
                }
            } catch (SQLException e) {
                throw failure("read runs", e);
            }
            return out;
        }
    }

    private static IllegalStateException failure(String what, SQLException e) {
        return new IllegalStateException("cannot " + what + " in the workspace: " + e.getMessage(), e);
    }
}
