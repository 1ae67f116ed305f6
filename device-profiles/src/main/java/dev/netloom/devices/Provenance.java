package dev.netloom.devices;

import java.util.Arrays;
import java.util.Optional;

/** Where a number in a profile comes from. */
public enum Provenance {
    /** Timed on the device itself (the "this computer" calibration, or a cited benchmark run). */
    MEASURED("measured"),
    /** Printed by a vendor or a benchmark table; the source names it. */
    PUBLISHED("published"),
    /**
     * Computed from other figures (clock × operations per cycle, bus width × transfer rate) or
     * fitted to a published latency; the source says how.
     */
    DERIVED("derived");

    private final String id;

    Provenance(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Optional<Provenance> fromId(String id) {
        return Arrays.stream(values()).filter(p -> p.id.equals(id)).findFirst();
    }
}
