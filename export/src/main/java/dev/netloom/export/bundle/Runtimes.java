package dev.netloom.export.bundle;

import java.util.List;

/**
 * The runtime versions bundles are verified with, in one place: the bundle README names them, the
 * Node.js example and the web page are written for them, and the conformance suite runs them
 * ({@code conformance/package.json} pins the same versions; {@code RuntimesTest} keeps the two
 * in step). Once a manifest carries its own {@code runtime} object, the README takes the
 * versions from there and these are the defaults.
 */
public final class Runtimes {

    /** ONNX Runtime for Java, which the exporter verifies every bundle with (the parent pom's onnxruntime.version). */
    public static final String ORT_JAVA = "1.23.2";
    /** The newest onnxruntime-node the conformance suite runs the Node.js example with. */
    public static final String ORT_NODE_NEWEST = "1.30.0";
    /** The oldest onnxruntime-node the conformance suite runs the Node.js example with. */
    public static final String ORT_NODE_OLDEST = "1.20.1";
    /** The onnxruntime-web the page loads (from its {@code ort/} folder, or the CDN) and the suite runs in Chromium. */
    public static final String ORT_WEB = "1.30.0";
    /**
     * The files of the onnxruntime-web package ({@code dist/}) the page needs in its {@code ort/}
     * folder: the WebAssembly-only build and its single-threaded SIMD module with its loader.
     */
    public static final List<String> ORT_WEB_FILES = List.of("ort.wasm.min.js", "ort-wasm-simd-threaded.wasm",
            "ort-wasm-simd-threaded.mjs");

    private Runtimes() {
    }
}
