package dev.netloom.app.studio;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.netloom.app.training.TestReport;
import dev.netloom.app.training.TrainState;
import dev.netloom.app.training.TrainViewModel;
import dev.netloom.app.workspace.EpochRecord;
import dev.netloom.app.workspace.RunRecord;
import dev.netloom.app.workspace.RunStatus;
import dev.netloom.graph.project.Project;
import dev.netloom.graph.project.ProjectFile;
import javafx.event.Event;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableView;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The Train view headless: a real run on Shapes QA, its charts, results and workspace record; stop, pause, resume. */
class TrainViewTest extends WindowHarness {

    /** A training still running is stopped first, so the next test starts on a quiet machine. */
    @Override
    void beforeDispose() throws Exception {
        TrainViewModel m = window.trainView().model();
        fx(() -> {
            m.stop();
            return null;
        });
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !m.stateProperty().get().busy());
    }

    /** The studio with a Shapes QA project (image + question) open on the Train view. */
    private TrainViewModel openQaProject(String data) throws Exception {
        Path file = project(data);
        open(dir.resolve("home"));
        fx(() -> window.openFile(file)).get(60, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        fx(() -> {
            window.showView("Train");
            return null;
        });
        return window.trainView().model();
    }

    private Path project(String data) throws Exception {
        Project p = SERVICES.templates().find("image-text-qa").orElseThrow().project()
                .withSection("data", new ObjectMapper().readTree(data));
        Path file = dir.resolve("qa.netloom");
        new ProjectFile(SERVICES.catalog()).write(p, file);
        return file;
    }

    private static final String SHAPES_300 = "{\"source\": \"shapes-qa\", \"examples\": 300}";

    private static void waitFor(TrainViewModel m, TrainState... states) throws Exception {
        List<TrainState> wanted = List.of(states);
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> wanted.contains(m.stateProperty().get()));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private List<RunRecord> runs() {
        return workspace.runs().runs(Optional.of(dir.resolve("qa.netloom")));
    }

    @Test
    void aRunDrawsItsCurvesShowsTheTestResultsAndIsRecorded(FxRobot robot) throws Exception {
        TrainViewModel m = openQaProject(SHAPES_300);
        fx(() -> {
            m.epochsProperty().set(2);
            return null;
        });
        robot.clickOn("#train-start");
        waitFor(m, TrainState.FINISHED, TrainState.FAILED);
        assertThat(m.stateProperty().get()).as(m.errorProperty().get()).isEqualTo(TrainState.FINISHED);

        LineChart<?, ?> loss = robot.lookup("#train-loss-chart").queryAs(LineChart.class);
        assertThat(loss.getData()).extracting(s -> ((XYChart.Series<?, ?>) s).getData().size())
                .satisfies(sizes -> {
                    assertThat(sizes.get(0)).isGreaterThan(4).isLessThanOrEqualTo(TrainViewModel.POINT_BUDGET);
                    assertThat(sizes.get(1)).isEqualTo(2); // one validation point per epoch
                });
        LineChart<?, ?> accuracy = robot.lookup("#train-accuracy-chart").queryAs(LineChart.class);
        assertThat(accuracy.getData().get(1).getData()).hasSize(2);
        assertThat(robot.lookup("#train-progress").queryAs(ProgressBar.class).getProgress()).isEqualTo(1.0);
        assertThat(robot.lookup("#train-progress-line").queryAs(Label.class).getText()).startsWith("Epoch 2 of 2");
        assertThat(robot.lookup("#train-experts-chart").query().getParent().isVisible()).isFalse(); // no MoE here

        TestReport report = m.reportProperty().get();
        int classes = report.classes().size();
        assertThat(robot.lookup(".confusion-cell").queryAll()).hasSize(classes * classes);
        assertThat(robot.lookup("#train-classes").queryAs(TableView.class).getItems()).hasSize(classes);
        assertThat(robot.lookup("#train-metrics").queryAs(javafx.scene.layout.Pane.class).getChildren()).isNotEmpty();

        // Clicking a cell with mistakes lists those test examples, with their pictures and questions.
        long[][] confusion = report.evaluation().confusion();
        int[] wrong = firstMistakeCell(confusion);
        assertThat(wrong).as("a short run makes mistakes").isNotNull();
        Node cell = robot.lookup("#confusion-" + wrong[0] + "-" + wrong[1]).query();
        fx(() -> {
            Event.fireEvent(cell, new MouseEvent(MouseEvent.MOUSE_CLICKED, 5, 5, 5, 5, MouseButton.PRIMARY, 1, false,
                    false, false, false, true, false, false, true, false, false, null));
            return null;
        });
        assertThat(robot.lookup(".mistake").queryAll()).hasSize((int) Math.min(60, confusion[wrong[0]][wrong[1]]));
        assertThat(robot.lookup(".mistake .image-view").queryAll()).isNotEmpty();
        assertThat(robot.lookup(".mistake-text").queryAll()).isNotEmpty();

        // Recorded in the workspace as it happened: the run, both epochs, the model and its test accuracy.
        RunRecord run = runs().get(0);
        assertThat(runs()).hasSize(1);
        assertThat(run.status()).isEqualTo(RunStatus.FINISHED);
        assertThat(run.name()).isEqualTo("run 1");
        assertThat(run.dataset()).startsWith("Shapes QA");
        assertThat(run.fingerprint()).hasSize(64);
        assertThat(run.settings()).contains("\"epochs\":2");
        assertThat(run.testAccuracy()).isEqualTo(report.evaluation().accuracy());
        assertThat(workspace.runs().epochs(run.id())).extracting(EpochRecord::epoch).containsExactly(1, 2);
        assertThat(Path.of(run.artifact())).isEqualTo(dir.resolve("qa.runs/run-1").toAbsolutePath())
                .isDirectory();
        assertThat(Path.of(run.artifact()).resolve("weights.safetensors")).isRegularFile();
    }

    /**
     * "Train for 2-bit" writes the project's quantization section, says what it does, and the run
     * trains for it: the model folder records the section, so the export rounds as training did.
     */
    @Test
    void trainForTwoBitWritesTheQuantizationSectionAndTheRunTrainsForIt(FxRobot robot) throws Exception {
        TrainViewModel m = openQaProject(SHAPES_300);
        var session = window.session();
        assertThat(session.sectionsProperty().get()).doesNotContainKey("quantization");
        assertThat(robot.lookup("#train-for-line").queryAs(Label.class).getText()).startsWith("Weights train in full precision");

        robot.clickOn("#train-for");
        robot.clickOn("2-bit (ternary)");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(m.form().trainForProperty().get()).isEqualTo(dev.netloom.graph.Precision.INT2);
        assertThat(session.sectionsProperty().get().get("quantization")).hasToString("{\"precision\":\"int2\"}");
        assertThat(session.dirtyProperty().get()).as("an unsaved change").isTrue();
        assertThat(robot.lookup("#train-for-line").queryAs(Label.class).getText())
                .startsWith("Quantization-aware training")
                .contains("rounded as the 2-bit export stores them", "Export at 2-bit");

        fx(() -> {
            m.epochsProperty().set(1);
            return null;
        });
        robot.clickOn("#train-start");
        waitFor(m, TrainState.FINISHED, TrainState.FAILED);
        assertThat(m.stateProperty().get()).as(m.errorProperty().get()).isEqualTo(TrainState.FINISHED);
        Path artifact = Path.of(runs().get(0).artifact());
        assertThat(new ObjectMapper().readTree(artifact.resolve("graph.json").toFile()).path("quantization")
                .path("precision").asText()).isEqualTo("int2");

        // Back to full precision: the section says fp32 (kept, as other keys of it would be), and the next run does not round.
        robot.clickOn("#train-for");
        robot.clickOn("Full precision (FP32)");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(session.sectionsProperty().get().get("quantization").path("precision").asText()).isEqualTo("fp32");
    }

    /** A section with per-layer precisions keeps them when the whole-model choice changes, and the line counts them. */
    @Test
    void aPerLayerPlanIsKeptAndCounted() throws Exception {
        openQaProject(SHAPES_300);
        var session = window.session();
        TrainViewModel m = window.trainView().model();
        fx(() -> {
            try {
                session.putSection("quantization", new ObjectMapper().readTree(
                        "{\"precision\": \"int4\", \"nodes\": {\"answer\": \"fp32\"}, \"blockSize\": 64}"));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            return null;
        });
        assertThat(m.form().trainForProperty().get()).isEqualTo(dev.netloom.graph.Precision.INT4);
        assertThat(m.form().trainForLineProperty().get()).endsWith("1 layer keeps the precision the project file gives it.");
        fx(() -> {
            m.form().trainForProperty().set(dev.netloom.graph.Precision.INT1);
            return null;
        });
        assertThat(session.sectionsProperty().get().get("quantization"))
                .hasToString("{\"precision\":\"int1\",\"nodes\":{\"answer\":\"fp32\"},\"blockSize\":64}");
    }

    private static int[] firstMistakeCell(long[][] confusion) {
        for (int i = 0; i < confusion.length; i++) {
            for (int j = 0; j < confusion.length; j++) {
                if (i != j && confusion[i][j] > 0) {
                    return new int[] {i, j};
                }
            }
        }
        return null;
    }

    @Test
    void stoppingMidRunEndsWithinAStepKeepsACheckpointAndRecordsStopped(FxRobot robot) throws Exception {
        TrainViewModel m = openQaProject(SHAPES_300);
        fx(() -> {
            m.epochsProperty().set(200);
            m.batchSizeProperty().set(4);
            m.learningRateProperty().set(5e-4); // batches of 4 at the template's rate can diverge and end the run
            return null;
        });
        robot.clickOn("#train-start");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> m.progressProperty().get().stepInEpoch() >= 2
                || !m.stateProperty().get().busy());
        assertThat(m.stateProperty().get().busy()).as("the run ended before it could be stopped: " + m.errorProperty().get())
                .isTrue();
        robot.clickOn("#train-stop");
        waitFor(m, TrainState.STOPPED, TrainState.FAILED);
        assertThat(m.stateProperty().get()).as(m.errorProperty().get()).isEqualTo(TrainState.STOPPED);
        // Stop lands within a step, in whichever epoch the run has reached by then (the machine may be fast).
        assertThat(m.progressProperty().get().epoch()).isBetween(1, 200);
        assertThat(m.canResumeProperty().get()).isFalse();
        assertThat(robot.lookup("#train-resume").queryAs(Button.class).isDisabled()).isTrue();
        RunRecord run = runs().get(0);
        assertThat(run.status()).isEqualTo(RunStatus.STOPPED);
        assertThat(run.artifact()).isNull();
        assertThat(run.message()).containsPattern("cancelled during epoch \\d+ at step \\d+");
        assertThat(dir.resolve("qa.runs/run-1.checkpoint.safetensors")).isRegularFile();
        assertThat(dir.resolve("qa.runs/run-1")).doesNotExist();
    }

    @Test
    void pauseThenResumeContinuesFromTheCheckpointAsANewRecordedRun(FxRobot robot) throws Exception {
        TrainViewModel m = openQaProject(SHAPES_300);
        fx(() -> {
            m.epochsProperty().set(2);
            m.batchSizeProperty().set(16);
            m.learningRateProperty().set(5e-4); // small batches at the template's rate can diverge
            return null;
        });
        robot.clickOn("#train-start");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> m.progressProperty().get().stepInEpoch() >= 2);
        robot.clickOn("#train-pause");
        waitFor(m, TrainState.STOPPED, TrainState.FAILED);
        assertThat(m.canResumeProperty().get()).as(m.statusProperty().get()).isTrue();
        int pointsBefore = m.curvesProperty().get().trainingLoss().size();

        robot.clickOn("#train-resume");
        waitFor(m, TrainState.FINISHED, TrainState.FAILED);
        assertThat(m.stateProperty().get()).as(m.errorProperty().get()).isEqualTo(TrainState.FINISHED);
        assertThat(m.curvesProperty().get().trainingLoss().size()).isGreaterThan(pointsBefore); // the curve goes on
        assertThat(runs()).extracting(RunRecord::name, RunRecord::status).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("run 1", RunStatus.STOPPED),
                org.assertj.core.groups.Tuple.tuple("run 2 (resumes run 1)", RunStatus.FINISHED));
        assertThat(dir.resolve("qa.runs/run-2/weights.safetensors")).isRegularFile();
    }

    @Test
    void badDataIsOneLineInTheViewAndNothingIsTrained(FxRobot robot) throws Exception {
        TrainViewModel m = openQaProject("{\"source\": \"shapes-qa\", \"examples\": -5}");
        robot.clickOn("#train-start");
        waitFor(m, TrainState.FAILED);
        assertThat(robot.lookup("#train-error").queryAs(Label.class).getText())
                .isEqualTo("data.examples: must be a whole number from 1 to 10000000, got -5");
        assertThat(runs()).isEmpty();
        assertThat(Files.exists(dir.resolve("qa.runs"))).isFalse();
    }
}
