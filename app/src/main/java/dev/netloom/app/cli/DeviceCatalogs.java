package dev.netloom.app.cli;

import dev.netloom.devices.DeviceCatalog;

import java.io.PrintWriter;
import java.nio.file.Path;

/** Loads the device catalog for a command: shipped profiles plus the user's, problems to stderr. */
final class DeviceCatalogs {

    private DeviceCatalogs() {
    }

    /** {@code dir} null means the default user directory ({@code ~/.netloom/devices}). */
    static DeviceCatalog load(Path dir, PrintWriter err) {
        DeviceCatalog catalog = DeviceCatalog.standard().withUserProfiles(dir != null ? dir : DeviceCatalog.defaultUserDirectory());
        catalog.problems().forEach(p -> err.println("netloom: skipped a device profile: " + p));
        return catalog;
    }
}
