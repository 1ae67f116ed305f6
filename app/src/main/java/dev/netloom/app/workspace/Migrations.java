package dev.netloom.app.workspace;

import java.util.List;

/** Every workspace schema step, in order. Later issues append (runs, metrics, registry, studies). */
final class Migrations {

    static final List<Migration> ALL = List.of(
            new Migration(1, "settings and recent projects", """
                    CREATE TABLE settings (
                        key TEXT PRIMARY KEY,
                        value TEXT NOT NULL
                    );
                    CREATE TABLE recent_projects (
                        path TEXT PRIMARY KEY,
                        opened_at INTEGER NOT NULL
                    );
                    """));

    private Migrations() {
    }
}
