package dev.netloom.export.bundle;

import java.util.List;

/**
 * The ONNX Runtime builds a bundle's formats are checked in, and the oldest a bundle supports.
 * The conformance suite (CI) runs every example of bundles of every input kind and precision in
 * exactly these versions; the versions the suite installs ({@code conformance/package.json}) are
 * pinned to these constants, and {@code RuntimesTest} checks that the two agree. A bundle's
 * manifest and README name them.
 */
public final class Runtimes {

    /** The oldest ONNX Runtime a bundle supports: a widely installed release, and the oldest the suite runs. */
    public static final String OLDEST_SUPPORTED = "1.20.1";
    /** onnxruntime-node, newest release the suite runs. */
    public static final String NODE_NEWEST = "1.30.0";
    /** onnxruntime-node, oldest release the suite runs ({@link #OLDEST_SUPPORTED}). */
    public static final String NODE_OLDEST = OLDEST_SUPPORTED;
    /** onnxruntime-web (WebAssembly), the release the browser page loads and the suite runs in Chromium. */
    public static final String WEB = "1.20.1";
    /**
     * The files of the onnxruntime-web package ({@code dist/}) the page needs in its {@code ort/}
     * folder: the WebAssembly-only build and its SIMD module with its loader.
     */
    public static final List<String> WEB_FILES = List.of("ort.wasm.min.js", "ort-wasm-simd-threaded.wasm",
            "ort-wasm-simd-threaded.mjs");

    private Runtimes() {
    }

    /** The runtimes a bundle's format is tested in by the conformance suite, in words. */
    public static List<String> conformanceTested() {
        return List.of("onnxruntime-node " + NODE_OLDEST, "onnxruntime-node " + NODE_NEWEST,
                "onnxruntime-web " + WEB + " (WebAssembly, in Chromium)");
    }
}
