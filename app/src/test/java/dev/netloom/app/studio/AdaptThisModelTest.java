package dev.netloom.app.studio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.netloom.app.runs.AdaptPane;
import dev.netloom.app.training.TrainState;
import dev.netloom.app.training.TrainViewModel;
import dev.netloom.app.workspace.RunRecord;
import dev.netloom.graph.artifact.Safetensors;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Adapt this model" and the Teacher picker, headless: a model trained on one picture folder is
 * adapted from the Runs view to another folder's classes with cards clicked to freeze, and a
 * student run distils from it in the Train view.
 */
class AdaptThisModelTest extends WindowHarness {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    void beforeDispose() throws Exception {
        TrainViewModel m = window.trainView().model();
        fx(() -> {
            m.stop();
            return null;
        });
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !m.stateProperty().get().busy());
    }

    /** A folder of 12x12 grey pictures per class: a bright bar, horizontal or vertical, at a class's place. */
    private Path pictures(String name, String... classes) throws Exception {
        Path root = dir.resolve(name);
        Random r = new Random(name.hashCode());
        for (int c = 0; c < classes.length; c++) {
            Path folder = Files.createDirectories(root.resolve(classes[c]));
            for (int n = 0; n < 16; n++) {
                BufferedImage img = new BufferedImage(12, 12, BufferedImage.TYPE_BYTE_GRAY);
                int at = 1 + c * 3 + (name.startsWith("new") ? 1 : 0);
                for (int i = 0; i < 12; i++) {
                    int v = 200 + r.nextInt(55);
                    if (name.startsWith("new")) {
                        img.getRaster().setSample(i, at, 0, v);
                    } else {
                        img.getRaster().setSample(at, i, 0, v);
                    }
                }
                ImageIO.write(img, "png", folder.resolve(n + ".png").toFile());
            }
        }
        return root;
    }

    /** A project: picture → conv → bn → act → flatten → fc → head, on a picture folder. */
    private Path project(Path data, int classes) throws Exception {
        String json = """
                {"schemaVersion": 1, "name": "bars", "graph": {"nodes": [
                  {"id": "image", "type": "Image", "position": {"x": 0, "y": 0}, "params": {"height": 12, "width": 12, "channels": 1}},
                  {"id": "conv", "type": "Conv2d", "position": {"x": 200, "y": 0}, "params": {"filters": 4, "kernel": 3, "padding": 1}},
                  {"id": "bn", "type": "BatchNorm", "position": {"x": 400, "y": 0}, "params": {}},
                  {"id": "act", "type": "Activation", "position": {"x": 600, "y": 0}, "params": {"function": "ReLU"}},
                  {"id": "flat", "type": "Flatten", "position": {"x": 800, "y": 0}, "params": {}},
                  {"id": "fc", "type": "Dense", "position": {"x": 1000, "y": 0}, "params": {"units": 16}},
                  {"id": "head", "type": "Classification", "position": {"x": 1200, "y": 0}, "params": {"classes": %d}}],
                 "edges": [{"from": "image.out", "to": "conv.in"}, {"from": "conv.out", "to": "bn.in"},
                           {"from": "bn.out", "to": "act.in"}, {"from": "act.out", "to": "flat.in"},
                           {"from": "flat.out", "to": "fc.in"}, {"from": "fc.out", "to": "head.in"}]},
                 "data": {"source": "image-folder", "folder": "%s", "validationFraction": 0.2, "testFraction": 0.2},
                 "training": {"epochs": 2, "batchSize": 8, "learningRate": 0.01}}
                """.formatted(classes, data.toAbsolutePath());
        Path file = dir.resolve("bars.netloom");
        Files.writeString(file, json);
        return file;
    }

    private TrainViewModel openAndTrain(Path project) throws Exception {
        open(dir.resolve("home"));
        fx(() -> window.openFile(project)).get(60, TimeUnit.SECONDS);
        fx(() -> {
            window.showView("Train");
            return null;
        });
        TrainViewModel m = window.trainView().model();
        fx(() -> m.start());
        waitFor(m);
        assertThat(m.stateProperty().get()).as(m.errorProperty().get()).isEqualTo(TrainState.FINISHED);
        return m;
    }

    private static void waitFor(TrainViewModel m) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> m.stateProperty().get().busy());
        } catch (java.util.concurrent.TimeoutException refusedAtOnce) {
            // a run refused before it started is never busy for long
        }
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> !m.stateProperty().get().busy());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private List<RunRecord> runs(Path project) {
        return workspace.runs().runs(Optional.of(project));
    }

    @Test
    void aFinishedRunIsAdaptedToNewPicturesWithTheCardsClickedFrozen(FxRobot robot) throws Exception {
        Path project = project(pictures("old", "a", "b", "c"), 3);
        TrainViewModel m = openAndTrain(project);
        Path base = Path.of(runs(project).get(0).artifact());

        fx(() -> {
            window.showView("Runs");
            return null;
        });
        TableView<?> table = robot.lookup("#runs-table").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> table.getItems().size() == 1);
        fx(() -> {
            table.getSelectionModel().select(0);
            TabPane tabs = robot.lookup("#runs-tabs").queryAs(TabPane.class);
            tabs.getSelectionModel().select(tabs.getTabs().stream().filter(t -> "runs-adapt-tab".equals(t.getId()))
                    .findFirst().orElseThrow());
            return null;
        });
        AdaptPane adapt = window.adaptPane();
        // The cards: every node with weights; by default all but the last before the head frozen; the head is new.
        assertThat(robot.lookup("." + AdaptPane.CARD).queryAll()).hasSize(4);
        assertThat(adapt.frozen()).containsExactly("conv", "bn");
        assertThat(robot.lookup("#adapt-card-head").queryAs(ToggleButton.class).isDisabled()).isTrue();
        assertThat(robot.lookup("#adapt-train").query().isDisabled()).isTrue(); // no folder yet

        Path fresh = pictures("new", "x", "y", "z", "w");
        fx(() -> {
            adapt.useFolder(fresh); // the folder chooser's answer
            return null;
        });
        assertThat(robot.lookup("#adapt-folder").queryAs(Label.class).getText()).contains("4 classes (w, x, y, z)");
        robot.clickOn("#adapt-card-bn"); // bn learns again
        robot.clickOn("#adapt-card-fc"); // fc frozen
        assertThat(adapt.frozen()).containsExactly("conv", "fc");
        robot.clickOn("#adapt-train");

        waitFor(m);
        assertThat(m.stateProperty().get()).as(m.errorProperty().get()).isEqualTo(TrainState.FINISHED);
        assertThat(window.trainView().isVisible()).isTrue();
        assertThat(m.adaptationProperty().get().frozen()).containsExactly("conv", "fc");
        assertThat(m.adaptationProperty().get().headNote()).contains("4 classes (w, x, y, z)");
        assertThat(m.reportProperty().get().classes()).containsExactly("w", "x", "y", "z");

        RunRecord adapted = runs(project).get(0);
        assertThat(adapted.settings()).contains("\"startFrom\":\"" + base.toAbsolutePath(), "\"frozen\":\"conv, fc\"");
        Path model = Path.of(adapted.artifact());
        JsonNode a = JSON.readTree(model.resolve("training.json").toFile()).path("adaptation");
        assertThat(a.path("frozen").toString()).isEqualTo("[\"conv\",\"fc\"]");
        var before = Safetensors.read(base.resolve("weights.safetensors")).tensors();
        var after = Safetensors.read(model.resolve("weights.safetensors")).tensors();
        assertThat(after.get("conv.weight")).isEqualTo(before.get("conv.weight"));
        assertThat(after.get("fc.weight")).isEqualTo(before.get("fc.weight"));
        assertThat(after.get("bn.gamma")).isNotEqualTo(before.get("bn.gamma"));

        // The Runs view says where the adapted run came from.
        fx(() -> {
            window.showView("Runs");
            return null;
        });
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> table.getItems().size() == 2);
        fx(() -> {
            table.getSelectionModel().clearSelection();
            table.getSelectionModel().select(0);
            return null;
        });
        assertThat(robot.lookup("#runs-origin").queryAs(Label.class).getText())
                .isEqualTo("Started from " + base.toAbsolutePath() + ", frozen: conv, fc");
    }

    @Test
    void theTeacherPickerDistilsAndShowsTheTeachersAccuracyBesideTheCurves(FxRobot robot) throws Exception {
        Path project = project(pictures("old", "a", "b", "c"), 3);
        TrainViewModel m = openAndTrain(project);
        Path teacher = Path.of(runs(project).get(0).artifact());
        assertThat(robot.lookup("#train-teacher-accuracy").query().isVisible()).isFalse();
        assertThat(robot.lookup("#train-temperature").query().isDisabled()).isTrue();

        robot.clickOn("#train-teacher").write(teacher.toString());
        assertThat(m.teacherProperty().get()).isEqualTo(teacher);
        assertThat(robot.lookup("#train-temperature").query().isDisabled()).isFalse();
        fx(() -> {
            m.temperatureProperty().set(3);
            m.distillWeightProperty().set(0.7);
            return null;
        });
        robot.clickOn("#train-start");
        waitFor(m);
        assertThat(m.stateProperty().get()).as(m.errorProperty().get()).isEqualTo(TrainState.FINISHED);
        Label line = robot.lookup("#train-teacher-accuracy").queryAs(Label.class);
        assertThat(line.isVisible()).isTrue();
        assertThat(line.getText()).matches("Teacher: \\d+\\.\\d% \\(run-1\\) validation accuracy, beside the student's curves");
        RunRecord student = runs(project).get(0);
        assertThat(student.settings()).contains("\"teacher\":\"" + teacher.toAbsolutePath(), "\"temperature\":3.0",
                "\"distillWeight\":0.7");

        // A teacher that is not a model is refused with the reason, in the view's error line.
        fx(() -> {
            m.teacherProperty().set(dir.resolve("nowhere"));
            return null;
        });
        robot.clickOn("#train-start");
        waitFor(m);
        assertThat(m.stateProperty().get()).isEqualTo(TrainState.FAILED);
        assertThat(robot.lookup("#train-error").queryAs(Label.class).getText()).contains("not a model folder");
        robot.clickOn("#train-teacher-clear");
        assertThat(m.teacherProperty().get()).isNull();
    }
}
