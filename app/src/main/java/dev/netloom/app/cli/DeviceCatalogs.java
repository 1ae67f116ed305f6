package dev.netloom.app.cli;

import dev.netloom.devices.DeviceProfile;
import java.util.List;
import java.util.Optional;

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

    /**
     * The profile with this id, or empty after one line on stderr naming the command, the id, the
     * closest ids and where the list is.
     */
    static Optional<DeviceProfile> find(DeviceCatalog catalog, String id, String command, PrintWriter err) {
        Optional<DeviceProfile> profile = catalog.find(id);
        if (profile.isEmpty()) {
            List<String> close = catalog.closeIds(id);
            err.println("netloom" + (command.isEmpty() ? "" : " " + command) + ": unknown device '" + id + "'"
                    + (close.isEmpty() ? "" : "; did you mean " + String.join(", ", close) + "?")
                    + " ('netloom profiles' lists them)");
        }
        return profile;
    }
}
