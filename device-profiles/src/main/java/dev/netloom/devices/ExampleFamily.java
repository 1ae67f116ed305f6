package dev.netloom.devices;

import java.util.Arrays;
import java.util.Optional;

/** Which runnable example a bundle for a device carries. */
public enum ExampleFamily {
    PYTHON_LINUX("python-linux"),
    ANDROID_KOTLIN("android-kotlin"),
    APPLE_SWIFT("apple-swift"),
    BROWSER_HTML("browser-html"),
    MICROCONTROLLER("microcontroller");

    private final String id;

    ExampleFamily(String id) {
        this.id = id;
    }

    /** The name written in profile files and bundle manifests. */
    public String id() {
        return id;
    }

    public static Optional<ExampleFamily> fromId(String id) {
        return Arrays.stream(values()).filter(f -> f.id.equals(id)).findFirst();
    }
}
