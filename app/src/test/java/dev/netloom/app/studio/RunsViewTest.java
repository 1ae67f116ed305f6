package dev.netloom.app.studio;

import dev.netloom.app.StudioServices;
import dev.netloom.app.TestHome;
import dev.netloom.app.workspace.EpochRecord;
import dev.netloom.app.workspace.RunLog;
import dev.netloom.app.workspace.RunStatus;
import dev.netloom.app.workspace.Workspace;
import dev.netloom.app.runs.SettingDifference;
import javafx.application.Platform;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The Runs view: the project's recorded runs, comparing two, registering a model, its bundles. */
@ExtendWith(ApplicationExtension.class)
class RunsViewTest {

    private static final StudioServices SERVICES = StudioServices.standard(TestHome.PATH);

    @TempDir
    Path dir;

    private final ExecutorService io = Executors.newSingleThreadExecutor();
    private Workspace workspace;
    private Stage stage;
    private StudioWindow window;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @AfterEach
    void tearDown() throws Exception {
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

    private static <T> T fx(Callable<T> action) throws Exception {
        T result = WaitForAsyncUtils.asyncFx(action).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        return result;
    }

    /** Two runs of one project as training records them: different learning rates, three epochs each. */
    private static void record(RunLog log, Path project, Path dir) {
        for (int run = 1; run <= 2; run++) {
            double lr = run == 1 ? 0.001 : 0.01;
            long id = log.start(project, "run " + run, "{\"epochs\": 3, \"learningRate\": " + lr + "}", "Shapes QA",
                    "f00d", null, null);
            for (int epoch = 1; epoch <= 3; epoch++) {
                double acc = 0.4 + 0.1 * epoch + 0.05 * run;
                log.epoch(new EpochRecord(id, epoch, 1.5 - 0.3 * epoch, acc, 1.6 - 0.3 * epoch, acc - 0.02, 2.5, "{}"));
            }
            log.finish(id, RunStatus.FINISHED, dir.resolve("model-" + run).toString(), 0.6 + 0.05 * run, "trained 3 epochs");
        }
        log.bundle(dir.resolve("model-2"), dir.resolve("bundle-pi5"), "raspberry-pi-5", "int4", 0.69, 61_000);
    }

    @Test
    void runsAreListedComparedRegisteredAndShowTheirBundles(FxRobot robot) throws Exception {
        Path home = dir.resolve("home");
        workspace = Workspace.open(home);
        Path project = dir.resolve("qa.netloom");
        window = fx(() -> {
            StudioWindow w = new StudioWindow(SERVICES, workspace, home, stage, io, Platform::runLater, new ScriptedPrompts());
            stage.show();
            w.startProject(SERVICES.templates().find("image-text-qa").orElseThrow().project());
            return w;
        });
        fx(() -> window.saveTo(project)).get(10, TimeUnit.SECONDS);
        record(workspace.runs(), project, dir);

        fx(() -> {
            window.showView("Runs");
            return null;
        });
        TableView<?> table = robot.lookup("#runs-table").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> table.getItems().size() == 2);

        robot.clickOn("#runs-filter").write("run 2");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(table.getItems()).hasSize(1);
        fx(() -> {
            robot.lookup("#runs-filter").queryTextInputControl().clear();
            return null;
        });
        assertThat(table.getItems()).hasSize(2);

        fx(() -> {
            table.getSelectionModel().selectAll();
            return null;
        });
        robot.clickOn("#runs-compare");
        TableView<SettingDifference> diff = robot.lookup("#runs-settings-diff").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !diff.getItems().isEmpty());
        assertThat(diff.getItems()).filteredOn(SettingDifference::differs).extracting(SettingDifference::key)
                .containsExactly("learningRate");
        assertThat(robot.lookup("#runs-comparison-title").queryAs(Label.class).getText())
                .contains("run 2", "run 1", "1 setting(s) differ");

        fx(() -> {
            robot.lookup("#runs-tabs").queryAs(javafx.scene.control.TabPane.class).getSelectionModel().select(0);
            table.getSelectionModel().clearSelection();
            table.getSelectionModel().select(0); // newest first: run 2
            return null;
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> !robot.lookup("#runs-bundles").queryListView().getItems().isEmpty());
        assertThat(robot.lookup("#runs-bundles").queryListView().getItems().get(0).toString()).contains("raspberry-pi-5");
        robot.clickOn("#runs-register-name").write("shape-answerer");
        robot.clickOn("#runs-register");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !workspace.runs().versions().isEmpty());
        assertThat(workspace.runs().versions()).singleElement()
                .satisfies(v -> assertThat(v.name() + " v" + v.version()).isEqualTo("shape-answerer v1"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#runs-registry").queryTableView().getItems()).hasSize(1);
        assertThat(robot.lookup("#runs-message").queryAs(Label.class).getText())
                .contains("Registered run 2 as shape-answerer version 1");
    }
}
