package dev.netloom.train.data;

import java.util.Locale;
import java.util.Optional;

/**
 * A value in a dataset that is not a number (NaN) or infinite: training on it makes the loss NaN
 * whatever the learning rate, so a run refuses such data up front and says where the value is.
 * Readers skip such rows when they see them; this catches what reaches training by other paths
 * (a reader that let one through, a dataset built in code).
 *
 * @param field the field holding it
 * @param example the example's index in its split, from 0
 * @param position the value's index within the example, from 0
 * @param value the value (NaN or ±infinity)
 */
public record NonFiniteValue(String field, int example, int position, float value) {

    /** The first non-finite value of some examples, searching field by field, or empty. */
    public static Optional<NonFiniteValue> first(Examples examples) {
        for (Field f : examples.fields()) {
            // Picture codes are bytes: only a standardisation that is not finite makes a value that is not.
            if (!f.numeric() || f.codes() != null && f.codes().allFinite()) {
                continue;
            }
            float[] v = f.floats();
            int size = f.exampleSize();
            for (int i = 0; i < v.length; i++) {
                if (!Float.isFinite(v[i])) {
                    return Optional.of(new NonFiniteValue(f.name(), i / size, i % size, v[i]));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * One line naming the data, for example {@code the training data holds NaN in field
     * "features" of example 17 (value 3 of 8)}.
     *
     * @param split which split: "training", "validation" or "test"
     */
    public String describe(String split, Examples in) {
        int size = in.field(field).map(Field::exampleSize).orElse(0);
        return String.format(Locale.ROOT, "the %s data holds %s in field \"%s\" of example %d (value %d of %d); "
                        + "a model cannot learn from a value that is not a number: fix or remove that example",
                split, Float.isNaN(value) ? "NaN" : value > 0 ? "+infinity" : "-infinity", field, example + 1,
                position + 1, size);
    }
}
