package dev.netloom.graph.diff;

/**
 * One value of two things side by side: a setting, a data figure, a layer parameter.
 *
 * @param key what it is, dotted for nested values ({@code augmentation.maxShift})
 * @param first its value in the first ("" when absent)
 * @param second its value in the second ("" when absent)
 */
public record ValueChange(String key, String first, String second) {

    public ValueChange {
        first = first == null ? "" : first;
        second = second == null ? "" : second;
    }

    public boolean differs() {
        return !first.equals(second);
    }

    /** {@code key: first → second}, with "(none)" for an absent side. */
    @Override
    public String toString() {
        return key + ": " + (first.isEmpty() ? "(none)" : first) + " → " + (second.isEmpty() ? "(none)" : second);
    }
}
