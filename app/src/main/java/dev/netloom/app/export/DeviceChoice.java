package dev.netloom.app.export;

import dev.netloom.devices.DeviceCatalog;
import dev.netloom.devices.DeviceGroup;
import dev.netloom.devices.DeviceProfile;

import java.util.ArrayList;
import java.util.List;

/**
 * A line of the device picker: a group's heading (phones, single-board computers, ...) or a
 * device under it.
 *
 * @param group the group
 * @param device the device, or null for the group's heading
 */
public record DeviceChoice(DeviceGroup group, DeviceProfile device) {

    /** True for a heading, which cannot be chosen. */
    public boolean heading() {
        return device == null;
    }

    /** The catalog as the picker lists it: each group's heading, then its devices, in catalog order. */
    public static List<DeviceChoice> of(DeviceCatalog catalog) {
        List<DeviceChoice> out = new ArrayList<>();
        DeviceGroup current = null;
        for (DeviceProfile p : catalog.all()) {
            if (p.group() != current) {
                current = p.group();
                out.add(new DeviceChoice(current, null));
            }
            out.add(new DeviceChoice(current, p));
        }
        return out;
    }

    @Override
    public String toString() {
        return heading() ? group.displayName() : device.name();
    }
}
