package dev.netloom.app.cli;

import dev.netloom.devices.DeviceCatalog;

import java.io.PrintWriter;
import java.nio.file.Path;

/** Loads the device catalog for a command: shipped profiles plus the user's, problems to stderr. */
final class DeviceCatalogs {

    private DeviceCatalogs() {
    }

    /** {@code dir} null means the home's {@code devices} folder ({@code ~/.netloom/devices}). */
    static DeviceCatalog load(Path dir, Path home, PrintWriter err) {
        DeviceCatalog catalog = DeviceCatalog.standard().withUserProfiles(dir != null ? dir : userDirectory(home));
        catalog.problems().forEach(p -> err.println("netloom: skipped a device profile: " + p));
        return catalog;
    }

    /** The user's profile folder: the {@code netloom.devices.dir} property if set, else {@code HOME/devices}. */
    static Path userDirectory(Path home) {
        String configured = System.getProperty(DeviceCatalog.DIRECTORY_PROPERTY);
        return configured != null && !configured.isBlank() ? Path.of(configured) : home.resolve("devices");
    }
}
