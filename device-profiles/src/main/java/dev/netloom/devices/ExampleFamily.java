package dev.netloom.devices;

import java.util.Arrays;
import java.util.Optional;

/**
 * Which runnable example a bundle for a device carries. Microcontrollers get none: they do not
 * run ONNX, so their bundle's README says how to convert the model instead.
 */
public enum ExampleFamily {
    /** Raspberry Pi, Jetson, any Linux machine: Python with numpy and onnxruntime. */
    PYTHON_LINUX("python-linux", "run_model.py"),
    /** Android phones and watches: Kotlin with ai.onnxruntime. */
    ANDROID_KOTLIN("android-kotlin", "MainActivity.kt"),
    /** iPhone, iPad, Mac, Apple Watch: Swift with onnxruntime-objc. */
    APPLE_SWIFT("apple-swift", "ContentView.swift"),
    /** Any browser: a web page with onnxruntime-web. */
    BROWSER_HTML("browser-html", "index.html"),
    /** Microcontrollers: no example; the README says how to convert. */
    MICROCONTROLLER("microcontroller", null);

    private final String id;
    private final String fileName;

    ExampleFamily(String id, String fileName) {
        this.id = id;
        this.fileName = fileName;
    }

    /** The example file's name in a bundle, or empty for microcontrollers. */
    public Optional<String> fileName() {
        return Optional.ofNullable(fileName);
    }

    /** The name written in profile files and bundle manifests. */
    public String id() {
        return id;
    }

    public static Optional<ExampleFamily> fromId(String id) {
        return Arrays.stream(values()).filter(f -> f.id.equals(id)).findFirst();
    }
}
