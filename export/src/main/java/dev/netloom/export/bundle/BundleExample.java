package dev.netloom.export.bundle;

import dev.netloom.devices.ExampleFamily;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The runnable examples of a bundle, rendered from their templates: the device family's own
 * ({@link #render}) and the Node.js one every bundle carries ({@link #node}). The examples read
 * shapes and preprocessing from {@code manifest.json} at run time where the platform makes that
 * easy (Python, Node.js, the web page) and follow docs/bundle-format.md; the mobile snippets get
 * them as constants.
 */
public final class BundleExample {

    /** The ONNX Runtime Mobile version the Android and Apple snippets name (runs IR 10 / opset 21 models). */
    public static final String ORT_MOBILE_VERSION = "1.20.0";
    /** The onnxruntime-web version the page loads (from its ort/ folder, else the CDN), pinned to the one the conformance suite runs. */
    public static final String ORT_WEB_VERSION = Runtimes.WEB;
    /** The Node.js example's file name; every bundle carries it. */
    public static final String NODE_FILE = "run_model.mjs";

    private BundleExample() {
    }

    /** Every example of the bundle by file name: the family's own (if it has one), then the Node.js example. */
    public static Map<String, String> all(BundleContents c) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        render(c).ifPresent(e -> out.put(e.getKey(), e.getValue()));
        Map.Entry<String, String> node = node(c);
        out.put(node.getKey(), node.getValue());
        return out;
    }

    /** The Node.js example (onnxruntime-node), which runs on any computer with Node.js 18 or newer. */
    public static Map.Entry<String, String> node(BundleContents c) {
        Map<String, String> v = new HashMap<>();
        v.put("modelName", CodeText.line(c.model().name()));
        v.put("modelVersion", CodeText.line(c.model().version()));
        v.put("ortNodeNewest", Runtimes.NODE_NEWEST);
        v.put("ortNodeVersions", "onnxruntime-node " + Runtimes.NODE_OLDEST + " and " + Runtimes.NODE_NEWEST);
        return Map.entry(NODE_FILE, Template.load(NODE_FILE + ".tmpl").render(v));
    }

    /** The family's example file name and text, or empty for families without one (microcontrollers). */
    public static Optional<Map.Entry<String, String>> render(BundleContents c) {
        ExampleFamily family = c.example();
        if (family.fileName().isEmpty()) {
            return Optional.empty();
        }
        String file = family.fileName().get();
        Map<String, String> v = new HashMap<>();
        Manifest.TensorSpec first = c.inputs().get(0);
        switch (family) {
            case PYTHON_LINUX -> {
                v.put("modelName", CodeText.quoted(c.model().name()));
                v.put("modelVersion", CodeText.quoted(c.model().version()));
                v.put("deviceName", CodeText.quoted(c.device().name()));
            }
            case BROWSER_HTML -> {
                v.put("modelNameHtml", CodeText.html(c.model().name()));
                v.put("ortWebVersion", ORT_WEB_VERSION);
                v.put("ortWebFiles", String.join(", ", Runtimes.WEB_FILES));
                v.put("inputNamesJson", c.inputs().stream().map(t -> CodeText.jsString(t.name()))
                        .collect(Collectors.joining(", ", "[", "]")));
            }
            case ANDROID_KOTLIN, APPLE_SWIFT -> {
                boolean kotlin = family == ExampleFamily.ANDROID_KOTLIN;
                v.put("modelName", kotlin ? CodeText.line(c.model().name()) : CodeText.quoted(c.model().name()));
                v.put("modelVersion", CodeText.line(c.model().version()));
                v.put("ortMobileVersion", ORT_MOBILE_VERSION);
                v.put("vocabAsset", c.readsText() ? ", vocab.txt" : "");
                v.put("inputCount", Integer.toString(c.inputs().size()));
                v.put("inputList", CodeText.line(c.inputs().stream()
                        .map(t -> t.name() + " (" + InputKind.of(t).words + ")").collect(Collectors.joining(", "))));
                v.put("inputName", kotlin ? CodeText.kotlin(first.name()) : CodeText.quoted(first.name()));
                v.put("inputKind", InputKind.of(first).key);
                v.put("inputShape", first.shape().stream().map(d -> d == Manifest.TensorSpec.BATCH ? "1" : d.toString())
                        .collect(Collectors.joining(", ")));
                v.put("mean", floats(channelValues(first, "mean", 0.0), kotlin));
                v.put("std", floats(channelValues(first, "std", 1.0), kotlin));
                if (!kotlin) {
                    v.put("outputName", CodeText.quoted(c.outputs().get(0).name()));
                }
            }
            default -> throw new IllegalStateException("no example for " + family);
        }
        return Optional.of(Map.entry(file, Template.load(file + ".tmpl").render(v)));
    }

    // Per-channel normalisation for a picture input: from the preprocessing, or the identity.
    private static List<Double> channelValues(Manifest.TensorSpec spec, String key, double identity) {
        if (InputKind.of(spec) != InputKind.IMAGE) {
            return List.of();
        }
        List<Double> given = InputKind.numbers(spec.preprocessing(), key);
        int channels = spec.preprocessing().path("channels").asInt(spec.shape().size() == 4
                ? (int) Math.max(1, spec.shape().get(1)) : 1);
        if (given.size() == channels) {
            return given;
        }
        return java.util.Collections.nCopies(channels, identity);
    }

    private static String floats(List<Double> values, boolean kotlin) {
        return values.stream().map(d -> String.format(Locale.ROOT, "%s%s", Double.toString(d), kotlin ? "f" : ""))
                .collect(Collectors.joining(", "));
    }
}
