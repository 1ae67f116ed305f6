package dev.netloom.hpo.storage;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The versioned database schema of {@link JdbcStorage} and its migrations. The version lives in
 * table {@code hpo_meta} (key {@code schema_version}) next to an owner mark; a database without it
 * that holds other tables is foreign and is refused, never written to.
 *
 * <p>To change the schema, append a {@link SchemaMigrations.Step}; never edit one that has shipped.
 * Test resources keep a database of each old version, and tests open it. The steps run through
 * {@link SchemaMigrations}, the runner the studio's workspace uses too.
 */
final class Schema {

    /** The version this library writes. */
    static final int CURRENT = 2;
    static final String OWNER = "netloom-hpo";

    static final List<SchemaMigrations.Step> MIGRATIONS = List.of(
            new SchemaMigrations.Step(1, "studies and trials", List.of(
                    "CREATE TABLE hpo_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
                    "CREATE TABLE hpo_studies (study_id ${id}, name TEXT NOT NULL UNIQUE, directions TEXT NOT NULL,"
                            + " created_at BIGINT NOT NULL)",
                    "CREATE TABLE hpo_trials (trial_id ${id}, study_id BIGINT NOT NULL REFERENCES hpo_studies(study_id),"
                            + " number INTEGER NOT NULL, state TEXT NOT NULL, datetime_start BIGINT,"
                            + " datetime_complete BIGINT, UNIQUE (study_id, number))",
                    "CREATE TABLE hpo_trial_values (trial_id BIGINT NOT NULL REFERENCES hpo_trials(trial_id),"
                            + " objective INTEGER NOT NULL, value ${double}, PRIMARY KEY (trial_id, objective))",
                    "CREATE TABLE hpo_trial_params (trial_id BIGINT NOT NULL REFERENCES hpo_trials(trial_id),"
                            + " name TEXT NOT NULL, position INTEGER NOT NULL, distribution TEXT NOT NULL,"
                            + " internal_value ${double} NOT NULL, PRIMARY KEY (trial_id, name))",
                    "CREATE TABLE hpo_trial_intermediate (trial_id BIGINT NOT NULL REFERENCES hpo_trials(trial_id),"
                            + " step INTEGER NOT NULL, value ${double}, PRIMARY KEY (trial_id, step))",
                    "CREATE TABLE hpo_trial_user_attrs (trial_id BIGINT NOT NULL REFERENCES hpo_trials(trial_id),"
                            + " key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (trial_id, key))",
                    "CREATE TABLE hpo_trial_system_attrs (trial_id BIGINT NOT NULL REFERENCES hpo_trials(trial_id),"
                            + " key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (trial_id, key))")),
            // Version 2: heartbeats, so that trials of dead workers can be found and failed.
            new SchemaMigrations.Step(2, "heartbeats", List.of(
                    "ALTER TABLE hpo_trials ADD COLUMN heartbeat BIGINT",
                    "UPDATE hpo_trials SET heartbeat = datetime_start WHERE state = 'RUNNING'",
                    "CREATE INDEX hpo_trials_study_state ON hpo_trials (study_id, state)")));

    private Schema() {
    }

    /**
     * Brings the database to {@link #CURRENT}, creating the schema in an empty database. Refuses a
     * database of another application (unless {@code shareDatabase}) or of a newer schema version.
     * Runs in the caller's transaction.
     */
    static void prepare(Connection c, Dialect dialect, String where, boolean shareDatabase) throws SQLException {
        SchemaMigrations migrations = new SchemaMigrations(MIGRATIONS, new SchemaMigrations.VersionRecord() {
            @Override
            public int read(Connection connection) throws SQLException {
                return version(connection, where, shareDatabase);
            }

            @Override
            public void write(Connection connection, int version) throws SQLException {
                writeVersion(connection, version);
            }
        }).expanding(dialect::expand)
                .refusingNewer(found -> where + " has hpo schema version " + found + ", written by a newer"
                        + " version of this library; this one reads versions up to " + CURRENT)
                .passing(JdbcStorage::isBusy); // the caller's transaction runs again
        try {
            migrations.applyIn(c);
        } catch (SchemaMigrations.NewerSchemaException e) {
            throw new StorageException(e.getMessage());
        }
    }

    /** The schema version of the database, 0 for an empty one; refuses one that is not ours. */
    private static int version(Connection c, String where, boolean shareDatabase) throws SQLException {
        List<String> tables = tables(c);
        if (tables.contains("hpo_meta")) {
            return readVersion(c, where);
        }
        List<String> ours = tables.stream().filter(t -> t.startsWith("hpo_")).toList();
        if (!ours.isEmpty()) {
            throw new StorageException(where + " has hpo tables " + ours + " but no hpo_meta table: it was not"
                    + " written by this library or is damaged; refusing to open it");
        }
        if (!tables.isEmpty() && !shareDatabase) {
            throw new StorageException(where + " belongs to another application (tables " + tables
                    + "); refusing to add study tables to it. Use a new file, or open it as a shared database.");
        }
        return 0;
    }

    private static int readVersion(Connection c, String where) throws SQLException {
        String owner = null;
        String version = null;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT key, value FROM hpo_meta")) {
            while (rs.next()) {
                if ("owner".equals(rs.getString(1))) {
                    owner = rs.getString(2);
                } else if ("schema_version".equals(rs.getString(1))) {
                    version = rs.getString(2);
                }
            }
        }
        if (!OWNER.equals(owner) || version == null) {
            throw new StorageException(where + " has an hpo_meta table without owner '" + OWNER
                    + "' and a schema version; refusing to open it");
        }
        try {
            return Integer.parseInt(version);
        } catch (NumberFormatException e) {
            throw new StorageException(where + " has an unreadable schema version '" + version + "'");
        }
    }

    static void writeVersion(Connection c, int version) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("DELETE FROM hpo_meta WHERE key IN ('owner', 'schema_version')")) {
            p.executeUpdate();
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO hpo_meta (key, value) VALUES (?, ?), (?, ?)")) {
            p.setString(1, "owner");
            p.setString(2, OWNER);
            p.setString(3, "schema_version");
            p.setString(4, Integer.toString(version));
            p.executeUpdate();
        }
    }

    /** The application tables of the database's current schema, in lower case. */
    static List<String> tables(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        DatabaseMetaData md = c.getMetaData();
        String schema = c.getSchema();
        try (ResultSet rs = md.getTables(null, schema, "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                String name = rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
                if (!name.startsWith("sqlite_")) {
                    out.add(name);
                }
            }
        }
        return out;
    }
}
