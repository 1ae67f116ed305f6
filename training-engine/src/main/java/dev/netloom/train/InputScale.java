package dev.netloom.train;

import dev.netloom.train.data.Examples;
import dev.netloom.train.data.Field;

import java.util.Optional;

/**
 * The largest input value in size, to tell a run that diverges because its inputs were never
 * normalised (values in the thousands) from one whose model or learning rate is at fault.
 *
 * @param field the field holding it
 * @param magnitude its absolute value
 */
record InputScale(String field, double magnitude) {

    /** Above this, inputs are "not normalised": standardised data sits within a few units of 0. */
    static final double LARGE = 1000;

    /** The largest absolute value over the examples' number fields, or empty without any. */
    static Optional<InputScale> largest(Examples examples) {
        InputScale best = null;
        for (Field f : examples.fields()) {
            if (!f.numeric()) {
                continue;
            }
            double max = 0;
            if (f.codes() != null) {
                max = f.codes().largestMagnitude(f.exampleSize());
            } else {
                for (float v : f.floats()) {
                    max = Math.max(max, Math.abs(v));
                }
            }
            if (best == null || max > best.magnitude()) {
                best = new InputScale(f.name(), max);
            }
        }
        return Optional.ofNullable(best);
    }
}
