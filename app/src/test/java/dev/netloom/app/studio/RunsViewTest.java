package dev.netloom.app.studio;

import dev.netloom.app.workspace.EpochRecord;
import dev.netloom.app.workspace.RunLog;
import dev.netloom.app.workspace.RunStatus;
import dev.netloom.app.runs.SettingDifference;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The Runs view: the project's recorded runs, comparing two, registering a model, its bundles. */
class RunsViewTest extends WindowHarness {

    /**
     * Two runs of one project as training records them: different learning rates, data of
     * different sizes (4,000 and 600 examples) and a different dropout rate in the graph, three
     * epochs each; each wrote a model folder (its graph.json and training.json).
     */
    private static void record(RunLog log, Path project, Path dir) throws Exception {
        dev.netloom.graph.project.Project qa = SERVICES.templates().find("image-text-qa").orElseThrow().project();
        for (int run = 1; run <= 2; run++) {
            double lr = run == 1 ? 0.001 : 0.01;
            int examples = run == 1 ? 4000 : 600;
            String dataset = "Shapes QA (seed 42, " + examples + " examples)";
            String fingerprint = run == 1 ? "f00d" : "beef";
            Path model = java.nio.file.Files.createDirectories(dir.resolve("model-" + run));
            dev.netloom.graph.Graph g = qa.graph();
            if (run == 2) {
                g = g.withReplacedNode(g.requireNode("dropout").withParam("rate", 0.3));
            }
            SERVICES.projectFile().write(qa.withGraph(g), model.resolve("graph.json"));
            java.nio.file.Files.writeString(model.resolve("training.json"), "{\"formatVersion\": 1, \"settings\": {\"epochs\": 3, "
                    + "\"learningRate\": " + lr + "}, \"dataset\": {\"name\": \"" + dataset + "\", \"fingerprint\": \""
                    + fingerprint + "\", \"train\": " + (examples * 8 / 10) + ", \"validation\": " + (examples / 10)
                    + ", \"test\": " + (examples / 10) + ", \"folder\": \"/tmp\"}}");
            long id = log.start(project, "run " + run, "{\"epochs\": 3, \"learningRate\": " + lr + "}", dataset,
                    fingerprint, null, null);
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
        Path project = dir.resolve("qa.netloom");
        open(dir.resolve("home"));
        fx(() -> {
            window.startProject(SERVICES.templates().find("image-text-qa").orElseThrow().project());
            return null;
        });
        fx(() -> window.saveTo(project)).get(60, TimeUnit.SECONDS);
        record(workspace.runs(), project, dir);

        fx(() -> {
            window.showView("Runs");
            return null;
        });
        TableView<?> table = robot.lookup("#runs-table").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> table.getItems().size() == 2);

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
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !diff.getItems().isEmpty());
        // Every difference: the setting, the data (name, size of each split, fingerprint) and the graph.
        assertThat(diff.getItems()).filteredOn(SettingDifference::differs).extracting(SettingDifference::key)
                .containsExactly("Training · learningRate", "Data · fingerprint", "Data · name", "Data · test",
                        "Data · train", "Data · validation", "Graph · dropout (Dropout) rate");
        assertThat(diff.getItems()).filteredOn(d -> d.key().equals("Graph · dropout (Dropout) rate"))
                .singleElement().satisfies(d -> assertThat(d.first() + " → " + d.second()).isIn("0.3 → 0.1", "0.1 → 0.3"));
        assertThat(robot.lookup("#runs-comparison-title").queryAs(Label.class).getText())
                .contains("run 2", "run 1", "1 training setting, the data and the graph differ");

        fx(() -> {
            robot.lookup("#runs-tabs").queryAs(javafx.scene.control.TabPane.class).getSelectionModel().select(0);
            table.getSelectionModel().clearSelection();
            table.getSelectionModel().select(0); // newest first: run 2
            return null;
        });
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
                () -> !robot.lookup("#runs-bundles").queryListView().getItems().isEmpty());
        assertThat(robot.lookup("#runs-bundles").queryListView().getItems().get(0).toString()).contains("raspberry-pi-5");
        robot.clickOn("#runs-register-name").write("shape-answerer");
        robot.clickOn("#runs-register");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !workspace.runs().versions().isEmpty());
        assertThat(workspace.runs().versions()).singleElement()
                .satisfies(v -> assertThat(v.name() + " v" + v.version()).isEqualTo("shape-answerer v1"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#runs-registry").queryTableView().getItems()).hasSize(1);
        assertThat(robot.lookup("#runs-message").queryAs(Label.class).getText())
                .contains("Registered run 2 as shape-answerer version 1");
    }
}
