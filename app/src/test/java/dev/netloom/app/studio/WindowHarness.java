package dev.netloom.app.studio;

import dev.netloom.app.StudioServices;
import dev.netloom.app.TestHome;
import dev.netloom.app.workspace.Workspace;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * What every headless test of the studio window needs: a stage from TestFX, a window on a
 * workspace in a temporary home, an io thread, work on the FX thread, and the clean-up after.
 */
@ExtendWith(ApplicationExtension.class)
abstract class WindowHarness {

    static final StudioServices SERVICES = StudioServices.standard(TestHome.PATH);

    @TempDir
    Path dir;

    final ExecutorService io = Executors.newSingleThreadExecutor();
    final ScriptedPrompts prompts = new ScriptedPrompts();
    Workspace workspace;
    Stage stage;
    StudioWindow window;

    /** TestFX's primary stage (a @Start method is looked up on the test class only, not its parents). */
    @BeforeEach
    void takeStage() throws Exception {
        stage = FxToolkit.registerPrimaryStage();
    }

    /** Runs before the window is disposed: tests stop work they started (a training, a study). */
    void beforeDispose() throws Exception {
    }

    @AfterEach
    void tearDown() throws Exception {
        if (window != null) {
            beforeDispose();
        }
        fx(() -> {
            if (window != null) {
                window.dispose();
            }
            return null;
        });
        io.shutdownNow();
        if (workspace != null) {
            workspace.close();
        }
    }

    /** Runs on the FX thread and waits for it and for the events it caused. */
    static <T> T fx(Callable<T> action) throws Exception {
        T result = WaitForAsyncUtils.asyncFx(action).get(30, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        return result;
    }

    /** A window as the studio makes one, on a fresh or existing home. */
    StudioWindow open(Path home) throws Exception {
        if (workspace != null) {
            workspace.close();
        }
        workspace = Workspace.open(home);
        window = fx(() -> {
            StudioWindow w = new StudioWindow(SERVICES, workspace, home, stage, io, Platform::runLater, prompts);
            stage.show();
            return w;
        });
        return window;
    }
}
