package dev.netloom.devices;

import java.util.Arrays;
import java.util.Optional;

/** The kinds of device the picker groups profiles by, in the order it shows them. */
public enum DeviceGroup {
    THIS_COMPUTER("this-computer", "This computer"),
    PHONE("phone", "Phone"),
    LAPTOP_DESKTOP("laptop-desktop", "Laptop / desktop"),
    SINGLE_BOARD_COMPUTER("single-board-computer", "Single-board computer"),
    WATCH("watch", "Watch"),
    MICROCONTROLLER("microcontroller", "Microcontroller"),
    BROWSER("browser", "Browser");

    private final String id;
    private final String displayName;

    DeviceGroup(String id, String displayName) {
        this.id = id;
        this.displayName = displayName;
    }

    /** The name written in profile files, for example {@code single-board-computer}. */
    public String id() {
        return id;
    }

    /** The heading the picker and the CLI show. */
    public String displayName() {
        return displayName;
    }

    /** The group a profile file names, if it is one. */
    public static Optional<DeviceGroup> fromId(String id) {
        return Arrays.stream(values()).filter(g -> g.id.equals(id)).findFirst();
    }
}
