package dev.netloom.app.workspace;

import dev.netloom.hpo.storage.SchemaMigrations;

import java.util.List;

/** Every workspace schema step, in order; append, never edit a released one. */
final class Migrations {

    static final List<SchemaMigrations.Step> ALL = List.of(
            SchemaMigrations.Step.script(1, "settings and recent projects", """
                    CREATE TABLE settings (
                        key TEXT PRIMARY KEY,
                        value TEXT NOT NULL
                    );
                    CREATE TABLE recent_projects (
                        path TEXT PRIMARY KEY,
                        opened_at INTEGER NOT NULL
                    );
                    """),
            SchemaMigrations.Step.script(2, "runs, their epochs, studies, the model registry and exported bundles", """
                    CREATE TABLE runs (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        project TEXT NOT NULL,
                        name TEXT NOT NULL,
                        started_at INTEGER NOT NULL,
                        ended_at INTEGER,
                        status TEXT NOT NULL,
                        settings TEXT NOT NULL,
                        dataset TEXT NOT NULL,
                        fingerprint TEXT NOT NULL,
                        artifact TEXT,
                        test_accuracy REAL,
                        best_validation_accuracy REAL,
                        study TEXT,
                        trial INTEGER,
                        message TEXT NOT NULL DEFAULT '',
                        pid INTEGER NOT NULL DEFAULT 0
                    );
                    CREATE INDEX runs_by_project ON runs(project, started_at);
                    CREATE TABLE run_epochs (
                        run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
                        epoch INTEGER NOT NULL,
                        train_loss REAL NOT NULL,
                        train_accuracy REAL NOT NULL,
                        validation_loss REAL NOT NULL,
                        validation_accuracy REAL NOT NULL,
                        seconds REAL NOT NULL,
                        expert_share TEXT NOT NULL DEFAULT '{}',
                        PRIMARY KEY (run_id, epoch)
                    );
                    CREATE TABLE studies (
                        name TEXT NOT NULL,
                        project TEXT NOT NULL,
                        storage TEXT NOT NULL,
                        out_dir TEXT NOT NULL,
                        objectives TEXT NOT NULL,
                        created_at INTEGER NOT NULL,
                        PRIMARY KEY (name, storage)
                    );
                    CREATE TABLE model_versions (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        name TEXT NOT NULL,
                        version INTEGER NOT NULL,
                        run_id INTEGER REFERENCES runs(id) ON DELETE SET NULL,
                        artifact TEXT NOT NULL,
                        note TEXT NOT NULL DEFAULT '',
                        created_at INTEGER NOT NULL,
                        UNIQUE (name, version)
                    );
                    CREATE TABLE bundles (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        artifact TEXT NOT NULL,
                        bundle TEXT NOT NULL,
                        device TEXT NOT NULL,
                        precision TEXT NOT NULL,
                        accuracy REAL,
                        bytes INTEGER NOT NULL,
                        created_at INTEGER NOT NULL
                    );
                    CREATE INDEX bundles_by_artifact ON bundles(artifact);
                    """),
            // SQLite stores NaN as NULL: an epoch whose loss was NaN broke NOT NULL and was lost.
            SchemaMigrations.Step.script(3, "epochs keep NaN metrics (stored as NULL) instead of being dropped", """
                    CREATE TABLE run_epochs_3 (
                        run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
                        epoch INTEGER NOT NULL,
                        train_loss REAL,
                        train_accuracy REAL,
                        validation_loss REAL,
                        validation_accuracy REAL,
                        seconds REAL NOT NULL,
                        expert_share TEXT NOT NULL DEFAULT '{}',
                        PRIMARY KEY (run_id, epoch)
                    );
                    INSERT INTO run_epochs_3 SELECT run_id, epoch, train_loss, train_accuracy, validation_loss,
                        validation_accuracy, seconds, expert_share FROM run_epochs;
                    DROP TABLE run_epochs;
                    ALTER TABLE run_epochs_3 RENAME TO run_epochs;
                    """));

    private Migrations() {
    }
}
