package dev.netloom.app.studio;

import dev.netloom.app.StudioServices;
import dev.netloom.app.workspace.Workspace;
import javafx.application.Platform;
import javafx.stage.Stage;

import java.nio.file.Path;
import java.util.concurrent.ExecutorService;

/**
 * A studio window in a real stage at 1600×1000, as the screenshot generators (programs, not tests)
 * open it; the one place they make it.
 *
 * @param window the studio window
 * @param stage its stage, for resizing, snapshots and closing
 */
record RealWindow(StudioWindow window, Stage stage) {

    /** Opens the window on the FX thread, which must be running. */
    static RealWindow open(StudioServices services, Workspace workspace, Path home, ExecutorService io) throws Exception {
        return ViewScreenshots.fx(() -> {
            Stage stage = new Stage();
            StudioWindow window = new StudioWindow(services, workspace, home, stage, io, Platform::runLater,
                    new DialogPrompts(() -> stage));
            stage.setWidth(1600);
            stage.setHeight(1000);
            stage.show();
            return new RealWindow(window, stage);
        });
    }
}
