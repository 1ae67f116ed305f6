package dev.netloom.export;

import dev.netloom.devices.DeviceProfile;

import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * What a person asked to export.
 *
 * @param device the device profile the bundle is for
 * @param precision fp32, fp16, int8, int8-static, int4, int2, int1, or auto
 * @param maxDropPoints with auto: the largest accuracy drop allowed, in percentage points; empty
 *        means "the most accurate model that fits the device"
 * @param threads threads the device estimate and the verification runs assume; 0 = the device's default
 * @param version the model version written in the manifest
 * @param out the bundle folder (the zip goes next to it)
 * @param replace whether an existing bundle at {@code out} may be replaced
 */
public record ExportRequest(DeviceProfile device, String precision, OptionalDouble maxDropPoints, int threads,
                            String version, Path out, boolean replace) {

    /** The precision words the command line and the manifest use. */
    public static final java.util.List<String> PRECISIONS = java.util.List.of("fp32", "fp16", "int8", "int8-static",
            "int4", "int2", "int1", "auto");

    /** INT8 weights and INT8 activations with ranges calibrated on data (QDQ), rather than measured per call. */
    public static final String INT8_STATIC = "int8-static";

    public ExportRequest {
        precision = precision.toLowerCase(Locale.ROOT);
        if (!PRECISIONS.contains(precision)) {
            throw new IllegalArgumentException("precision must be one of " + String.join(", ", PRECISIONS) + ", got "
                    + precision);
        }
        if (maxDropPoints.isPresent() && !(maxDropPoints.getAsDouble() >= 0)) {
            throw new IllegalArgumentException("the largest accuracy drop must be 0 points or more, got "
                    + maxDropPoints.getAsDouble());
        }
    }

    /** Whether the request is static INT8 ({@link #INT8_STATIC}). */
    public boolean staticInt8() {
        return precision.equals(INT8_STATIC);
    }

    public boolean auto() {
        return precision.equals("auto");
    }

    /** Threads to assume: the request's, or the device's default. */
    public int effectiveThreads() {
        return threads > 0 ? threads : Math.max(1, device.defaultThreads());
    }
}
