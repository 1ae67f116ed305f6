package dev.netloom.app.studio;

import dev.netloom.app.Version;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Enumeration;
import java.util.Optional;
import java.util.Properties;
import java.util.jar.Manifest;

/**
 * The versions Help › About shows, read from the jars and the running toolkit, never typed in:
 * DJL from its API jar's {@code ai/djl/engine/api.properties}, PyTorch (libtorch) from the native
 * jar's {@code native/lib/pytorch.properties}, ONNX Runtime from its jar's manifest, JavaFX from
 * the running toolkit ({@code javafx.runtime.version}). Reading loads no engine: no native library
 * is unpacked to show a dialog.
 *
 * @param studio this build of Netloom Studio
 * @param djl Deep Java Library
 * @param pytorch the libtorch the PyTorch engine runs
 * @param onnxRuntime ONNX Runtime (Java)
 * @param javafx the JavaFX runtime
 * @param java the Java runtime
 */
public record Versions(String studio, String djl, String pytorch, String onnxRuntime, String javafx, String java) {

    static final String UNKNOWN = "not found";

    /** The versions of what is on this class path. */
    public static Versions read() {
        ClassLoader loader = Versions.class.getClassLoader();
        String djl = property(loader, "ai/djl/engine/api.properties", "djl_version").orElse(UNKNOWN);
        // "2.7.1-20250812": the release, then the native build's date.
        String torch = property(loader, "native/lib/pytorch.properties", "version")
                .map(v -> v.contains("-") ? v.substring(0, v.indexOf('-')) : v).orElse(UNKNOWN);
        String ort = manifestVersion(loader, "onnxruntime").orElse(UNKNOWN);
        String fx = Optional.ofNullable(System.getProperty("javafx.runtime.version")).orElse(UNKNOWN);
        return new Versions(Version.current(), djl, torch, ort, fx, System.getProperty("java.version"));
    }

    /** The About text: one line per component. */
    public String text() {
        return "Netloom Studio " + studio + "\n\n"
                + "Deep Java Library (training) " + djl + "\n"
                + "PyTorch (libtorch) " + pytorch + "\n"
                + "ONNX Runtime (export, verification) " + onnxRuntime + "\n"
                + "JavaFX " + javafx + "\n"
                + "Java " + java;
    }

    private static Optional<String> property(ClassLoader loader, String resource, String key) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                return Optional.empty();
            }
            Properties p = new Properties();
            p.load(in);
            return Optional.ofNullable(p.getProperty(key)).map(String::strip);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The Implementation-Version of the jar whose manifest names {@code title}. */
    private static Optional<String> manifestVersion(ClassLoader loader, String title) {
        try {
            Enumeration<URL> manifests = loader.getResources("META-INF/MANIFEST.MF");
            while (manifests.hasMoreElements()) {
                try (InputStream in = manifests.nextElement().openStream()) {
                    var main = new Manifest(in).getMainAttributes();
                    if (title.equals(main.getValue("Implementation-Title"))) {
                        return Optional.ofNullable(main.getValue("Implementation-Version"));
                    }
                }
            }
        } catch (IOException e) {
            // fall through: shown as not found
        }
        return Optional.empty();
    }
}
