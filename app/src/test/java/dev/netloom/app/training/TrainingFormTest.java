package dev.netloom.app.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The Train view's settings are the project's training section: edits are checked, saved, and keep other keys. */
class TrainingFormTest {

    @Test
    void anEditIsSavedIntoTheSectionKeepingTheKeysTheFormDoesNotShow() throws Exception {
        List<JsonNode> saved = new ArrayList<>();
        TrainingForm form = new TrainingForm(saved::add);
        form.load(new ObjectMapper().readTree("{\"momentum\": 0.8, \"epochs\": 4, \"optimizer\": \"sgd\"}"));
        assertThat(saved).as("showing a section saves nothing").isEmpty();
        assertThat(form.epochsProperty().get()).isEqualTo(4);
        assertThat(form.optimizerProperty().get()).isEqualTo("sgd");

        form.optimizerProperty().set("adamw");
        form.scheduleProperty().set("step");
        form.horizontalFlipProperty().set(true);
        form.maxShiftProperty().set(2);

        JsonNode last = saved.get(saved.size() - 1);
        assertThat(last.path("optimizer").asText()).isEqualTo("adamw");
        assertThat(last.path("schedule").asText()).isEqualTo("step");
        assertThat(last.path("augmentation").path("horizontalFlip").asBoolean()).isTrue();
        assertThat(last.path("augmentation").path("maxShift").asInt()).isEqualTo(2);
        assertThat(last.path("momentum").asDouble()).isEqualTo(0.8);
        assertThat(last.path("epochs").asInt()).isEqualTo(4);
    }

    @Test
    void aValueTheSectionRefusesIsNotSavedAndSaysWhy() throws Exception {
        List<JsonNode> saved = new ArrayList<>();
        TrainingForm form = new TrainingForm(saved::add);
        form.load(null);
        form.maxShiftProperty().set(65);
        assertThat(saved).isEmpty();
        assertThat(form.problemProperty().get()).startsWith("training.augmentation.maxShift: must be a whole number from 0 to 64");
        form.maxShiftProperty().set(4);
        assertThat(saved).hasSize(1);
        assertThat(form.problemProperty().get()).isEmpty();
    }
}
