package dev.netloom.train;

import dev.netloom.train.data.Augmentation;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The project file's training section: defaults, round trip, and errors with their JSON path. */
class TrainingSectionTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void anAbsentSectionGivesTheDefaults() {
        assertThat(TrainingSection.read(null)).isEqualTo(TrainingSettings.defaults());
    }

    @Test
    void writtenSettingsReadBackEqual() {
        TrainingSettings s = new TrainingSettings("sgd", 0.1, 0.8, "step", 0.5, 3, 128, 20, 1e-4, 5, 0.1, 4, 7, 2, new Augmentation(true, 2));
        assertThat(TrainingSection.read(TrainingSection.write(s))).isEqualTo(s);
    }

    @Test
    void givenKeysOverrideDefaults() throws Exception {
        TrainingSettings s = TrainingSection.read(JSON.readTree("{\"epochs\": 3, \"optimizer\": \"adamw\"}"));
        assertThat(s.epochs()).isEqualTo(3);
        assertThat(s.optimizer()).isEqualTo("adamw");
        assertThat(s.batchSize()).isEqualTo(TrainingSettings.defaults().batchSize());
    }

    @Test
    void divergenceRecoveryIsOnByDefaultAndCanBeTurnedOff() throws Exception {
        assertThat(TrainingSettings.defaults().divergenceRecovery()).isTrue();
        TrainingSettings off = TrainingSection.read(JSON.readTree("{\"divergenceRecovery\": false}"));
        assertThat(off.divergenceRecovery()).isFalse();
        assertThat(TrainingSection.write(off).get("divergenceRecovery").booleanValue()).isFalse();
        assertThat(TrainingSection.read(TrainingSection.write(off))).isEqualTo(off);
        assertThatThrownBy(() -> TrainingSection.read(JSON.readTree("{\"divergenceRecovery\": \"no\"}")))
                .hasMessage("training.divergenceRecovery: must be true or false, got \"no\"");
    }

    @Test
    void badValuesNameTheirPath() {
        assertThatThrownBy(() -> TrainingSection.read(JSON.readTree("{\"batchSize\": 0}")))
                .hasMessage("training.batchSize: must be a whole number from 1 to 65536, got 0");
        assertThatThrownBy(() -> TrainingSection.read(JSON.readTree("{\"optimizer\": \"lion\"}")))
                .hasMessage("training.optimizer: must be one of [sgd, adam, adamw], got lion");
        assertThatThrownBy(() -> TrainingSection.read(JSON.readTree("{\"learningRate\": \"fast\"}")))
                .hasMessage("training.learningRate: must be a number, got \"fast\"");
        assertThatThrownBy(() -> TrainingSection.read(JSON.readTree("{\"learningRate\": 50}")))
                .hasMessageStartingWith("training.learningRate: must be in (0, 10]");
        assertThatThrownBy(() -> TrainingSection.read(JSON.readTree("{\"epoch\": 5}")))
                .hasMessageStartingWith("training.epoch: unknown setting; known: augmentation, batchSize,");
    }
}
