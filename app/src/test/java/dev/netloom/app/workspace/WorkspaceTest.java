package dev.netloom.app.workspace;

import dev.netloom.hpo.storage.SchemaMigrations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkspaceTest {

    @TempDir
    Path home;

    @Test
    void aNewWorkspaceIsMigratedToTheNewestSchemaAndKeepsSettings() throws SQLException {
        try (Workspace w = Workspace.open(home)) {
            assertThat(w.schemaVersion()).isEqualTo(Migrations.ALL.get(Migrations.ALL.size() - 1).version());
            assertThat(w.setting("theme")).isEmpty();
            w.putSetting("theme", "dark");
            w.putSetting("theme", "light");
        }
        try (Workspace w = Workspace.open(home)) {
            assertThat(w.setting("theme")).hasValue("light");
        }
    }

    @Test
    void laterMigrationsApplyOnceToAnOlderFile() throws SQLException {
        try (Workspace w = Workspace.open(home)) {
            w.putSetting("kept", "yes");
        }
        int next = Migrations.ALL.get(Migrations.ALL.size() - 1).version() + 1;
        List<SchemaMigrations.Step> withSecond = new ArrayList<>(Migrations.ALL);
        withSecond.add(SchemaMigrations.Step.script(next, "a later table", "CREATE TABLE later (id INTEGER PRIMARY KEY)"));
        try (Workspace w = Workspace.open(home, withSecond)) {
            assertThat(w.schemaVersion()).isEqualTo(next);
            assertThat(w.setting("kept")).hasValue("yes");
        }
        try (Workspace w = Workspace.open(home, withSecond)) {
            assertThat(w.schemaVersion()).isEqualTo(next); // not applied twice (CREATE TABLE would fail)
        }
        assertThatThrownBy(() -> Workspace.open(home, Migrations.ALL))
                .isInstanceOf(SQLException.class).hasMessageContaining("newer Netloom (schema " + next);
    }

    @Test
    void aFailingMigrationLeavesTheFileAsItWas() throws SQLException {
        int last = Migrations.ALL.get(Migrations.ALL.size() - 1).version();
        List<SchemaMigrations.Step> broken = new ArrayList<>(Migrations.ALL);
        broken.add(SchemaMigrations.Step.script(last + 1, "broken", "CREATE TABLE ok_table (id INTEGER); CREATE TABLE settings (x)"));
        assertThatThrownBy(() -> Workspace.open(home, broken)).hasMessageContaining("migration " + (last + 1)
                + " (broken) failed");
        try (Workspace w = Workspace.open(home)) {
            assertThat(w.schemaVersion()).isEqualTo(last);
        }
    }

    @Test
    void recentProjectsAreNewestFirstWithoutDuplicatesAndLimited() throws SQLException {
        try (Workspace w = Workspace.open(home)) {
            for (int i = 0; i < Workspace.RECENT_LIMIT + 3; i++) {
                w.addRecent(home.resolve("p" + i + ".netloom"));
            }
            w.addRecent(home.resolve("p5.netloom"));
            List<RecentProject> recent = w.recentProjects();
            assertThat(recent).hasSize(Workspace.RECENT_LIMIT);
            assertThat(recent.get(0).path()).isEqualTo(home.resolve("p5.netloom").toAbsolutePath());
            assertThat(recent.get(1).path().getFileName().toString()).isEqualTo("p12.netloom");
            assertThat(recent).extracting(r -> r.path().getFileName().toString()).doesNotHaveDuplicates()
                    .doesNotContain("p0.netloom", "p1.netloom");
        }
    }

    @Test
    void homeIsNetloomHomeWhenSet() {
        assertThat(Workspace.home(Map.of("NETLOOM_HOME", "/tmp/x"))).isEqualTo(Path.of("/tmp/x"));
        assertThat(Workspace.home(Map.of())).isEqualTo(Path.of(System.getProperty("user.home"), ".netloom"));
    }
}
