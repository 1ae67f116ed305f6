package dev.netloom.app.cli;

import dev.netloom.devices.DeviceCatalog;

import java.io.PrintWriter;
import java.nio.file.Path;

/** Loads the device catalog for a command: shipped profiles plus the user's, problems to stderr. */
final class DeviceCatalogs {

    private DeviceCatalogs() {
    }

    /** {@code dir} null means the user's folder ({@link dev.netloom.app.StudioServices#devicesFolder()}). */
    static DeviceCatalog load(Path dir, dev.netloom.app.StudioServices services, PrintWriter err) {
        DeviceCatalog catalog = dir != null ? DeviceCatalog.standard().withUserProfiles(dir) : services.devices();
        catalog.problems().forEach(p -> err.println("netloom: skipped a device profile: " + p));
        return catalog;
    }
}
