package dev.netloom.graph.search;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The values the search may try for one parameter, in the three kinds the {@code hpo} samplers
 * know (as Optuna's int, float and categorical distributions): whole numbers from {@code low} to
 * {@code high} in steps, real numbers from {@code low} to {@code high}, or a list of choices.
 * Each kind checks its own consistency on construction; whether it fits a parameter is
 * {@link SearchRules}'s job.
 */
public sealed interface Range permits Range.IntRange, Range.FloatRange, Range.Choices {

    /** The most choices one parameter may list. */
    int MAX_CHOICES = 256;

    /** The word the project file uses for this kind: {@code int}, {@code float} or {@code choices}. */
    String kind();

    /**
     * Whole numbers {@code low, low + step, ...} up to {@code high}; on a log scale the sampler
     * favours small values evenly per doubling (widths: 32, 64, 128 are equally likely regions).
     *
     * @param step 1 or more; a log scale needs 1 (as Optuna requires)
     * @param log whether to sample on a log scale; needs {@code low >= 1}
     */
    record IntRange(int low, int high, int step, boolean log) implements Range {

        public IntRange {
            if (high < low) {
                throw new SearchRangeException("high", high + " is below low " + low);
            }
            if (step < 1) {
                throw new SearchRangeException("step", "must be 1 or more, got " + step);
            }
            if (log && low < 1) {
                throw new SearchRangeException("low", "a log scale needs low of 1 or more, got " + low);
            }
            if (log && step != 1) {
                throw new SearchRangeException("step", "a log scale takes step 1, got " + step);
            }
        }

        @Override
        public String kind() {
            return "int";
        }
    }

    /**
     * Real numbers from {@code low} to {@code high}.
     *
     * @param log whether to sample on a log scale (learning rates); needs {@code low > 0}
     */
    record FloatRange(double low, double high, boolean log) implements Range {

        public FloatRange {
            if (!Double.isFinite(low)) {
                throw new SearchRangeException("low", "must be a finite number");
            }
            if (!Double.isFinite(high)) {
                throw new SearchRangeException("high", "must be a finite number");
            }
            if (high < low) {
                throw new SearchRangeException("high", format(high) + " is below low " + format(low));
            }
            if (log && low <= 0) {
                throw new SearchRangeException("low", "a log scale needs low above 0, got " + format(low));
            }
        }

        @Override
        public String kind() {
            return "float";
        }
    }

    /**
     * A list of values to choose from: words, whole numbers, real numbers or true/false.
     *
     * @param values 1 to {@link #MAX_CHOICES} distinct {@code String}, {@code Integer},
     *     {@code Double} or {@code Boolean} values, in the order shown
     */
    record Choices(List<Object> values) implements Range {

        public Choices {
            if (values == null || values.isEmpty()) {
                throw new SearchRangeException("choices", "needs at least one choice");
            }
            if (values.size() > MAX_CHOICES) {
                throw new SearchRangeException("choices", "has " + values.size() + " choices; at most " + MAX_CHOICES);
            }
            Set<Object> seen = new HashSet<>();
            List<Object> copy = new ArrayList<>(values.size());
            for (int i = 0; i < values.size(); i++) {
                Object v = values.get(i);
                if (!(v instanceof String || v instanceof Integer || v instanceof Double || v instanceof Boolean)) {
                    throw new SearchRangeException("choices[" + i + "]", "must be a word, a number or true/false");
                }
                if (!seen.add(v)) {
                    throw new SearchRangeException("choices[" + i + "]", describe(v) + " is listed twice");
                }
                copy.add(v);
            }
            values = List.copyOf(copy);
        }

        @Override
        public String kind() {
            return "choices";
        }
    }

    /** A number as a person writes it: 0.001, not 1.0E-3; 64, not 64.0 for a whole value. */
    static String format(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /** A choice as text in a message. */
    static String describe(Object value) {
        if (value instanceof String s) {
            return "\"" + (s.length() > 40 ? s.substring(0, 37) + "..." : s) + "\"";
        }
        return value instanceof Double d ? format(d) : String.valueOf(value);
    }
}
