package dev.netloom.export.bundle;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A bundle on disk, as {@link BundleWriter} left it.
 *
 * @param dir      the bundle folder
 * @param zip      the zip of it, {@code <dir>.zip}, beside the folder
 * @param manifest the manifest written into it (with every file's size and checksum)
 */
public record Bundle(Path dir, Path zip, Manifest manifest) {
    public Bundle {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(zip, "zip");
        Objects.requireNonNull(manifest, "manifest");
    }
}
