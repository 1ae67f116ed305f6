package dev.netloom.app.runs;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SettingsDiffTest {

    @Test
    void nestedSettingsAreFlattenedAndDifferencesMarked() {
        var rows = SettingsDiff.of("{\"epochs\": 3, \"learningRate\": 0.001, \"augmentation\": {\"flip\": true}}",
                "{\"epochs\": 3, \"learningRate\": 0.01, \"augmentation\": {\"flip\": false}, \"seed\": 7}");
        assertThat(rows).extracting(SettingDifference::key)
                .containsExactly("augmentation.flip", "epochs", "learningRate", "seed");
        assertThat(rows).filteredOn(SettingDifference::differs).extracting(SettingDifference::key)
                .containsExactly("augmentation.flip", "learningRate", "seed");
        assertThat(rows.get(3)).isEqualTo(new SettingDifference("seed", "", "7"));
    }

    @Test
    void damagedSettingsCountAsNone() {
        assertThat(SettingsDiff.of("{not json", "{\"a\": 1}")).containsExactly(new SettingDifference("a", "", "1"));
    }
}
