package dev.netloom.graph.search;

import dev.netloom.graph.catalog.ParamSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The range a parameter gets when a person ticks "search", before touching it: a sensible
 * neighbourhood of the current value that the spec allows.
 *
 * <ul>
 *   <li>whole numbers: half to double the current value, clamped to the spec; widths
 *       ({@link #WIDTHS}: units, filters, hidden, dim) on a log scale, since 64 → 128 matters as
 *       much as 512 → 1024;</li>
 *   <li>real numbers whose spec spans three or more decades above zero (learning rate, epsilon):
 *       a tenth to ten times the current value, on a log scale;</li>
 *   <li>other real numbers (dropout, weight decay): the spec's whole range;</li>
 *   <li>words and true/false: every choice.</li>
 * </ul>
 *
 * When the neighbourhood collapses to one value (the current value sits at a bound of a narrow
 * spec), the spec's whole range is used instead.
 */
public final class DefaultRanges {

    /** Whole-number parameters that are widths, searched on a log scale. */
    public static final Set<String> WIDTHS = Set.of("units", "filters", "hidden", "dim");

    private DefaultRanges() {
    }

    /**
     * The default range for a parameter.
     *
     * @param current its value now (null: the spec's default)
     */
    public static Range of(ParamSpec spec, Object current) {
        Object value = current == null ? spec.defaultValue() : current;
        return switch (spec.type()) {
            case INT -> ints(spec, ((Number) value).intValue());
            case FLOAT -> reals(spec, ((Number) value).doubleValue());
            case BOOL -> new Range.Choices(List.of(false, true));
            case CHOICE -> new Range.Choices(new ArrayList<>(spec.choices()));
            // Square sizes around the larger side: a 1x7 kernel searches 3x3 to 14x14 (capped by the spec).
            case SIZE_2D -> ints(spec, java.util.Arrays.stream(ParamSpec.pair(value)).max().orElseThrow());
            case INT_LIST -> throw new SearchRangeException("kind", spec.name() + " is a list of numbers, which the "
                    + "search does not change");
        };
    }

    private static Range ints(ParamSpec spec, int value) {
        int min = spec.min() == null ? Integer.MIN_VALUE : (int) Math.ceil(spec.min());
        int max = spec.max() == null ? Integer.MAX_VALUE : (int) Math.floor(spec.max());
        int low = clamp(value / 2, min, max);
        int high = clamp((int) Math.min(Integer.MAX_VALUE, 2L * value), min, max);
        if (low >= high) {
            low = min;
            high = max;
        }
        boolean log = WIDTHS.contains(spec.name()) && low >= 1;
        return new Range.IntRange(low, Math.max(low, high), 1, log);
    }

    private static Range reals(ParamSpec spec, double value) {
        double min = spec.min() == null ? -Double.MAX_VALUE : spec.min();
        double max = spec.max() == null ? Double.MAX_VALUE : spec.max();
        boolean decades = min > 0 && max / min >= 1000;
        if (decades && value > 0) {
            // Decimal shifts keep 1e-5 / 10 at 1e-6, not 1.0000000000000002e-6, in the file and the sheet.
            double low = Math.max(min, java.math.BigDecimal.valueOf(value).movePointLeft(1).doubleValue());
            double high = Math.min(max, java.math.BigDecimal.valueOf(value).movePointRight(1).doubleValue());
            if (low < high) {
                return new Range.FloatRange(low, high, true);
            }
        }
        if (spec.min() != null && spec.max() != null && min < max) {
            return new Range.FloatRange(min, max, false);
        }
        double low = Math.max(min, value / 2);
        double high = Math.min(max, value * 2);
        return new Range.FloatRange(Math.min(low, high), Math.max(low, high), false);
    }

    private static int clamp(int v, int min, int max) {
        return Math.max(min, Math.min(max, v));
    }
}
