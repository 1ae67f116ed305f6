package dev.netloom.app.studio;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.netloom.app.search.TrialRow;
import dev.netloom.app.search.TuneView;
import dev.netloom.app.session.ProjectSession;
import dev.netloom.app.workspace.StudyRecord;
import dev.netloom.graph.search.Range;
import dev.netloom.hpo.FrozenTrial;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Tune view headless: a two-trial study of the image-text-qa template on 200 Shapes QA
 * examples, one epoch per trial, run from the view; the table, the history plot, the workspace
 * record, and "Apply best trial" with undo.
 */
class TuneViewTest extends WindowHarness {

    /**
     * The window with image-text-qa on 200 Shapes QA examples, one epoch, and fusion.dim marked
     * searchable over 16-48 (as the designer's search toggle does; 64, the template's, is outside),
     * saved as qa.netloom.
     */
    private StudioWindow openSearchableProject() throws Exception {
        StudioWindow w = open(dir.resolve("home"));
        ObjectMapper json = new ObjectMapper();
        fx(() -> {
            w.startProject(SERVICES.templates().find("image-text-qa").orElseThrow().project());
            ProjectSession s = w.session();
            s.putSection("data", json.readTree("{\"source\": \"shapes-qa\", \"examples\": 200}"));
            ObjectNode training = ((ObjectNode) s.sectionsProperty().get().get("training")).deepCopy();
            training.put("epochs", 1);
            s.putSection("training", training);
            s.designer().setSearchRange("fusion", "dim", new Range.IntRange(16, 48, 1, true));
            return null;
        });
        fx(() -> w.saveTo(dir.resolve("qa.netloom"))).get(30, TimeUnit.SECONDS);
        return w;
    }

    @Test
    void aTwoTrialStudyRunsFromTheViewAndItsBestTrialIsApplied(FxRobot robot) throws Exception {
        StudioWindow w = openSearchableProject();
        Path file = dir.resolve("qa.netloom");
        WaitForAsyncUtils.waitForFxEvents();

        robot.clickOn("#rail-tune");
        TuneView view = robot.lookup("#tune-view").queryAs(TuneView.class);
        assertThat(robot.lookup("#tune-parameters").queryAs(javafx.scene.layout.VBox.class).getChildren())
                .hasSize(1);
        fx(() -> {
            view.setForm("qa-study", 2, null, null);
            return null;
        });
        robot.clickOn("#tune-start");
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> !view.model().runningProperty().get()
                && !view.model().progressProperty().get().trials().isEmpty());
        // The table is redrawn at most 20 times a second: wait for the redraw after the last update.
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> view.rows().size() == 2);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(view.model().errorProperty().get()).isEmpty();
        assertThat(view.rows()).extracting(TrialRow::number).containsExactly(0, 1);
        assertThat(view.rows()).extracting(TrialRow::state).containsOnly("COMPLETE");
        assertThat(view.rows()).allSatisfy(r -> assertThat(r.parameters()).startsWith("fusion.dim="));
        assertThat(view.historyPoints()).isEqualTo(2);
        assertThat(view.model().statusProperty().get()).isEqualTo("Study qa-study: 2 complete, 0 pruned, 0 failed.");
        assertThat(workspace.runs().studies(file)).extracting(StudyRecord::name, StudyRecord::objectives)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("qa-study", "accuracy"));
        assertThat(file.resolveSibling("qa.studies").resolve("qa-study.db")).isRegularFile();

        FrozenTrial best = view.model().progressProperty().get().best(null).orElseThrow();
        int bestDim = ((Number) best.params().get("node:fusion.dim")).intValue();
        assertThat(w.session().dirtyProperty().get()).as("saved with a search section and changed sections").isFalse();
        robot.clickOn("#tune-apply");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fusionDim(w)).isEqualTo(bestDim);
        assertThat(w.session().dirtyProperty().get()).isTrue();
        assertThat(stage.getTitle()).startsWith("• ");
        fx(() -> w.session().designer().undo());
        assertThat(fusionDim(w)).isEqualTo(64);
    }

    @Test
    void stopEndsTheStudyAndResumeContinuesTheSameOne(FxRobot robot) throws Exception {
        StudioWindow w = openSearchableProject();
        Path file = dir.resolve("qa.netloom");
        robot.clickOn("#rail-tune");
        TuneView view = robot.lookup("#tune-view").queryAs(TuneView.class);
        fx(() -> {
            view.setForm("long", 50, null, null);
            return null;
        });
        robot.clickOn("#tune-start");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> view.model().progressProperty().get().trials().stream()
                .anyMatch(t -> t.state().isFinished()));
        robot.clickOn("#tune-stop");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !view.model().runningProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        int afterStop = view.model().progressProperty().get().trials().size();
        // Stop ends the study long before its 50-trial budget; how many tiny trials finished first
        // depends on how fast this machine is at that moment.
        assertThat(afterStop).isBetween(1, 25);
        assertThat(view.model().progressProperty().get().trials()).noneMatch(t -> !t.state().isFinished());

        fx(() -> {
            view.setForm("long", 1, null, null);
            return null;
        });
        robot.clickOn("#tune-resume");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> !view.model().runningProperty().get()
                && view.model().progressProperty().get().trials().size() == afterStop + 1);
        assertThat(view.model().progressProperty().get().name()).isEqualTo("long");
        assertThat(workspace.runs().studies(file)).hasSize(1);

        // Starting a study under a taken name is refused with what to do instead.
        robot.clickOn("#tune-start");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.model().errorProperty().get()).contains("resume it or choose another name");
    }

    private static int fusionDim(StudioWindow w) {
        return ((Number) w.session().designer().graph().requireNode("fusion").params().get("dim")).intValue();
    }
}
