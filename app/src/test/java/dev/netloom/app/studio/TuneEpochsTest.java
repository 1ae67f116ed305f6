package dev.netloom.app.studio;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.netloom.app.search.TuneView;
import dev.netloom.app.session.ProjectSession;
import dev.netloom.graph.search.Range;
import dev.netloom.hpo.FrozenTrial;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Tune view's epochs per trial (the twin of {@code netloom tune --epochs}): it starts at the
 * project's epochs, the budget line says the total about to be trained, and the trials of a study
 * train the epochs typed there, not the project's.
 */
class TuneEpochsTest extends WindowHarness {

    @Test
    void epochsPerTrialSetInTheViewAreWhatEachTrialTrains(FxRobot robot) throws Exception {
        StudioWindow w = open(dir.resolve("home"));
        ObjectMapper json = new ObjectMapper();
        fx(() -> {
            w.startProject(SERVICES.templates().find("image-text-qa").orElseThrow().project());
            ProjectSession s = w.session();
            s.putSection("data", json.readTree("{\"source\": \"shapes-qa\", \"examples\": 120}"));
            ObjectNode training = ((ObjectNode) s.sectionsProperty().get().get("training")).deepCopy();
            training.put("epochs", 3);
            s.putSection("training", training);
            s.designer().setSearchRange("fusion", "dim", new Range.IntRange(16, 48, 1, true));
            return null;
        });
        fx(() -> w.saveTo(dir.resolve("qa.netloom"))).get(30, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();

        robot.clickOn("#rail-tune");
        TuneView view = robot.lookup("#tune-view").queryAs(TuneView.class);
        @SuppressWarnings("unchecked")
        Spinner<Integer> epochs = robot.lookup("#tune-epochs").queryAs(Spinner.class);
        assertThat(epochs.getValue()).as("starts at the project's epochs").isEqualTo(3);
        fx(() -> {
            view.setForm("short", 2, null, null);
            return null;
        });
        Label budget = robot.lookup("#tune-budget").queryAs(Label.class);
        assertThat(budget.getText()).startsWith("Up to 2 trials × 3 epochs = 6 epochs of training");

        // Typed as a person would: select the field's text, type 1, Enter.
        robot.doubleClickOn(epochs.getEditor()).write("1").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(epochs.getValue()).isEqualTo(1);
        assertThat(budget.getText()).startsWith("Up to 2 trials × 1 epoch = 2 epochs of training");
        assertThat(view.settings().epochsPerTrial()).isEqualTo(1);

        robot.clickOn("#tune-start");
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> !view.model().runningProperty().get()
                && view.model().progressProperty().get().trials().size() == 2);
        assertThat(view.model().errorProperty().get()).isEmpty();
        for (FrozenTrial t : view.model().progressProperty().get().trials()) {
            // One validation accuracy per epoch trained: one, as set in the view, not the project's three.
            assertThat(t.intermediateValues().keySet()).as("trial %d", t.number()).hasSize(1);
        }
        // The project's own setting is left as it was.
        assertThat(w.session().sectionsProperty().get().get("training").path("epochs").asInt()).isEqualTo(3);
    }
}
