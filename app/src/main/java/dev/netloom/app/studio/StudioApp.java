package dev.netloom.app.studio;

import dev.netloom.app.StudioServices;
import dev.netloom.app.workspace.Workspace;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The JavaFX application. Started by {@link StudioLauncher}; wires the shared services, the
 * workspace and a small pool for file and layout work, then shows the {@link StudioWindow}.
 */
public final class StudioApp extends Application {

    private StudioServices services;
    private Workspace workspace;
    private Path home;
    private ExecutorService io;
    private StudioWindow window;
    private final StartupTimes times = new StartupTimes(System.getenv());

    /** Runs on the launcher thread, not the FX thread: the workspace opens here. */
    @Override
    public void init() throws Exception {
        times.mark("init");
        services = StudioServices.standard();
        home = services.home();
        workspace = services.openWorkspace();
        times.mark("workspace open");
        workspace.runs().markInterrupted(); // runs of a studio or CLI that died are not left "running"
        io = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "netloom-io");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void start(Stage stage) {
        times.mark("toolkit started");
        window = new StudioWindow(services, workspace, home, stage, io, Platform::runLater,
                new DialogPrompts(() -> stage));
        times.mark("window built");
        stage.show();
        times.mark("window shown");
        if (times.on()) {
            times.reportInteractiveAndQuit();
            return;
        }
        StartupScreenshot.requested(System.getenv()).ifPresentOrElse(
                file -> StartupScreenshot.takeAndQuit(stage.getScene(), file),
                () -> Platform.runLater(window::offerStartupRecovery));
    }

    @Override
    public void stop() {
        if (window != null) {
            window.dispose();
        }
        io.shutdown();
        workspace.close();
    }
}
