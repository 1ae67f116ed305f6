package dev.netloom.app.runs;

/**
 * One training setting of two runs side by side.
 *
 * @param key the setting, dotted for nested values ({@code augmentation.flip})
 * @param first its value in the first run ("" when absent)
 * @param second its value in the second run ("" when absent)
 */
public record SettingDifference(String key, String first, String second) {

    public boolean differs() {
        return !first.equals(second);
    }
}
