package dev.netloom.devices;

import java.util.Objects;

/**
 * One number in a device profile with where it comes from. Every numeric figure of a profile is
 * a {@code Figure}, so the studio can always answer "says who?".
 *
 * @param value the number, in the unit its field name says (GFLOP/s, GB/s, bytes, microseconds)
 * @param provenance measured, published or derived
 * @param source the citation, or how it was derived, in one sentence
 */
public record Figure(double value, Provenance provenance, String source) {

    public Figure {
        Objects.requireNonNull(provenance, "provenance");
        Objects.requireNonNull(source, "source");
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("a figure must be a finite number");
        }
    }

    /** A figure computed from others; {@code how} says from what. */
    public static Figure derived(double value, String how) {
        return new Figure(value, Provenance.DERIVED, how);
    }

    /** A figure timed on this machine. */
    public static Figure measured(double value, String how) {
        return new Figure(value, Provenance.MEASURED, how);
    }
}
