package dev.netloom.app.studio;

import javafx.scene.control.Label;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The studio opens on a damaged workspace with a notice across the top, not a stack trace. */
class DamagedWorkspaceWindowTest extends WindowHarness {

    @Test
    void aDamagedWorkspaceOpensTheStudioWithANotice(FxRobot robot) throws Exception {
        Path home = dir.resolve("home");
        Files.createDirectories(home);
        Files.write(home.resolve("workspace.db"), "SQLite format 3\0 but then nothing sensible at all".repeat(100)
                .getBytes(StandardCharsets.ISO_8859_1));

        StudioWindow w = open(home);

        Label notice = robot.lookup("#workspace-notice").queryAs(Label.class);
        assertThat(notice.isVisible()).isTrue();
        assertThat(notice.getText()).contains("could not be used", "workspace.db.damaged-", "new, empty workspace")
                .doesNotContain("SQLITE_", "Exception");
        // The studio works on the fresh workspace: the theme is remembered, views open.
        robot.clickOn("#theme-toggle");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(workspace.setting(Theme.SETTING)).hasValue("dark");
        fx(() -> {
            w.showView("Runs");
            return null;
        });

        robot.clickOn("#dismiss-notice");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(notice.getParent().isVisible()).isFalse();
    }

    @Test
    void aSoundWorkspaceShowsNoNotice(FxRobot robot) throws Exception {
        open(dir.resolve("home"));
        assertThat(robot.lookup("#workspace-notice").tryQuery()).isEmpty();
    }
}
