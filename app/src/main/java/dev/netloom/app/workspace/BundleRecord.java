package dev.netloom.app.workspace;

import java.time.Instant;

/**
 * A bundle exported from a model artifact.
 *
 * @param id its number in the workspace
 * @param artifact the model artifact it was exported from
 * @param bundle the bundle folder
 * @param device the device profile id
 * @param precision the precision asked for (fp32 ... int1, auto)
 * @param accuracy test accuracy after export (share), null when not measured
 * @param bytes the bundle's size
 * @param created when it was written
 */
public record BundleRecord(long id, String artifact, String bundle, String device, String precision, Double accuracy,
                           long bytes, Instant created) {
}
