package dev.netloom.export.bundle;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The kind of device a bundle's runnable example is written for. Each family has one example
 * file made from a template in {@code src/main/resources/dev/netloom/export/bundle/}, except
 * microcontrollers: they do not run ONNX, so their README explains how to convert the model
 * instead of shipping an example that would not work.
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

    /** The family's id as device profiles and the CLI spell it, e.g. {@code python-linux}. */
    public String id() {
        return id;
    }

    /** The example file's name in the bundle, or empty for microcontrollers. */
    public Optional<String> fileName() {
        return Optional.ofNullable(fileName);
    }

    /**
     * The family with this id.
     *
     * @throws IllegalArgumentException naming the ids there are
     */
    public static ExampleFamily fromId(String id) {
        for (ExampleFamily f : values()) {
            if (f.id.equals(id)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown example family \"" + id + "\"; expected one of "
                + Arrays.stream(values()).map(ExampleFamily::id).collect(Collectors.joining(", ")));
    }
}
