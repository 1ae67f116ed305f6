package dev.netloom.export.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import dev.netloom.graph.Precision;
import dev.netloom.graph.Units;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The bundle's {@code README.md}, from {@code templates/README.md.tmpl} and the run section of the
 * device family ({@code templates/run-<family>.md.tmpl}). This class only turns manifest fields
 * into plain words; what the README says around them is in the templates.
 */
public final class BundleReadme {

    private BundleReadme() {
    }

    /**
     * Renders the README.
     *
     * @param c              the bundle's contents
     * @param fileNames      the names of every file the bundle will hold
     * @param keyFingerprint the signing key's fingerprint
     */
    public static String render(BundleContents c, List<String> fileNames, String keyFingerprint) {
        Manifest m = c.manifest();
        Map<String, String> v = new HashMap<>();
        v.put("modelName", CodeText.line(m.model().name()));
        v.put("modelVersion", CodeText.line(m.model().version()));
        v.put("netloomVersion", CodeText.line(m.model().netloomVersion()));
        v.put("created", m.model().created().toString());
        v.put("deviceName", CodeText.line(m.device().name()));
        v.put("deviceId", CodeText.line(m.device().id()));
        v.put("deviceGroup", CodeText.line(m.device().group()));
        v.put("runtime", CodeText.line(m.device().runtime()));
        v.put("opset", Integer.toString(m.device().opset()));
        v.put("sourceArtifact", CodeText.line(m.model().sourceArtifact()));
        v.put("graphSha256", m.model().graphSha256());
        v.put("fileList", fileNames.stream().sorted().map(f -> "- `" + f + "` — " + describeFile(f, c))
                .collect(Collectors.joining("\n")));
        v.put("requestedPrecision", m.precision().requested());
        v.put("precisionSummary", precisionSummary(m.precision()));
        v.put("bitsPerWeight", String.format(Locale.ROOT, "%.2f", m.precision().bitsPerWeight()));
        v.put("weightSize", Units.bytes(m.sizes().weightBytes()));
        v.put("modelSize", Units.bytes(m.sizes().modelBytes()));
        v.put("inputsText", m.inputs().stream().map(t -> tensorWords(t, true)).collect(Collectors.joining("\n")));
        v.put("outputsText", m.outputs().stream().map(t -> tensorWords(t, false)).collect(Collectors.joining("\n")));
        v.put("labelsText", labelsWords(m.labels()));
        v.put("parityText", parityWords(m.parity()));
        v.put("accuracyText", accuracyWords(m.accuracy()));
        v.put("latency", Units.plain(new java.math.BigDecimal(m.estimate().latencyMs())
                .round(new java.math.MathContext(3)).doubleValue()) + " ms");
        v.put("threads", m.estimate().threads() == 1 ? "1 thread" : m.estimate().threads() + " threads");
        v.put("peakMemory", Units.bytes(m.estimate().peakMemoryBytes()));
        v.put("storage", Units.bytes(m.estimate().storageBytes()));
        v.put("fitsText", m.estimate().fits() ? "it fits the device's memory and storage"
                : "**it may not fit** the device's memory or storage: check before relying on it");
        v.put("howToRun", howToRun(c));
        v.put("howToRunNode", howToRunNode(c));
        v.put("verifiedText", verifiedWords(c));
        v.put("keyFingerprint", keyFingerprint);
        return Template.load("README.md.tmpl").render(v);
    }

    private static String howToRun(BundleContents c) {
        Map<String, String> v = new HashMap<>();
        String vocabMd = c.readsText() ? ", `vocab.txt`" : "";
        String first = InputKind.of(c.inputs().get(0)).words;
        switch (c.example()) {
            case PYTHON_LINUX -> {
                v.put("exampleArgs", exampleArgs(c, "picture.jpg"));
                v.put("batchData", batchData(c));
            }
            case ANDROID_KOTLIN, APPLE_SWIFT -> {
                v.put("ortMobileVersion", BundleExample.ORT_MOBILE_VERSION);
                v.put("vocabAsset", vocabMd);
                v.put("firstInputWords", first);
            }
            case BROWSER_HTML -> {
                v.put("ortWebVersion", BundleExample.ORT_WEB_VERSION);
                v.put("ortWebCopy", Runtimes.WEB_FILES.stream().map(f -> "package/dist/" + f)
                        .collect(Collectors.joining(" ")));
                v.put("pageAction", c.inputs().stream().map(t -> switch (InputKind.of(t)) {
                    case IMAGE -> "pick a picture";
                    case TOKENS -> "type some text";
                    case TABLE -> "type the values, separated by commas";
                    case AUDIO -> "pick a WAV clip";
                }).distinct().collect(Collectors.joining(", ")) + ", then press Run");
            }
            case MICROCONTROLLER -> v.put("parityWords", parityWords(c.parity()));
        }
        return Template.load("run-" + c.example().id() + ".md.tmpl").render(v).strip();
    }

    private static String howToRunNode(BundleContents c) {
        Map<String, String> v = new HashMap<>();
        v.put("ortNodeNewest", Runtimes.NODE_NEWEST);
        v.put("ortNodeVersions", "onnxruntime-node " + Runtimes.NODE_OLDEST + " and " + Runtimes.NODE_NEWEST);
        v.put("nodeArgs", exampleArgs(c, "picture.png"));
        v.put("batchData", batchData(c));
        v.put("batchWords", batchWords(c));
        return Template.load("run-node.md.tmpl").render(v).strip();
    }

    private static String exampleArgs(BundleContents c, String picture) {
        return c.inputs().stream().map(t -> switch (InputKind.of(t)) {
            case IMAGE -> picture;
            case TOKENS -> "\"some text\"";
            case TABLE -> "rows.csv";
            case AUDIO -> "clip.wav";
        }).collect(Collectors.joining(" "));
    }

    private static boolean onlyPictures(BundleContents c) {
        return c.inputs().size() == 1 && InputKind.of(c.inputs().get(0)) == InputKind.IMAGE;
    }

    private static String batchData(BundleContents c) {
        return onlyPictures(c) ? "held-out/" : "held-out.csv";
    }

    private static String batchWords(BundleContents c) {
        if (onlyPictures(c)) {
            return "a folder with one sub-folder of PNG pictures per class, named after the class, or a folder of "
                    + "pictures without labels";
        }
        List<String> parts = new ArrayList<>();
        for (Manifest.TensorSpec t : c.inputs()) {
            JsonNode pre = t.preprocessing();
            switch (InputKind.of(t)) {
                case IMAGE -> parts.add("the picture's path, relative to the file, in column `"
                        + CodeText.line(pre.path("column").asText("image")) + "`");
                case TOKENS -> parts.add("the text in column `" + CodeText.line(pre.path("column").asText("text")) + "`");
                case TABLE -> parts.add("the feature columns by name");
                case AUDIO -> parts.add("the WAV clip's path, relative to the file, in column `"
                        + CodeText.line(pre.path("column").asText("audio")) + "`");
            }
        }
        String label = c.inputs().stream().map(t -> t.preprocessing().path("label").asText(""))
                .filter(l -> !l.isEmpty()).findFirst().orElse("label");
        return "a CSV file with a header, or JSONL: " + String.join(", ", parts) + ", and the class in column `"
                + CodeText.line(label) + "` when known; other columns are ignored";
    }

    /** Which runtimes and versions the bundle was verified in (its manifest's runtime object), and which examples were not run. */
    static String verifiedWords(BundleContents c) {
        Manifest.Runtime r = c.runtime();
        String family = switch (c.example()) {
            case PYTHON_LINUX -> " `run_model.py` follows the same rules but was not run with ONNX Runtime there "
                    + "(no ONNX Runtime for Python on that machine): only under a stand-in that records its tensors, "
                    + "which equal the training engine's.";
            case ANDROID_KOTLIN -> " `MainActivity.kt` was not run: no Android device or emulator was there.";
            case APPLE_SWIFT -> " `ContentView.swift` was not run: no Apple device or simulator was there.";
            case BROWSER_HTML -> " `index.html` is the page that suite runs in headless Chromium.";
            case MICROCONTROLLER -> " No microcontroller conversion was run.";
        };
        String options = r.sessionOptions().isEmpty() ? "It needs no session option: ONNX Runtime's defaults."
                : "It needs these session options, which every example sets: " + r.sessionOptions() + ".";
        return "When it was exported, Netloom ran this bundle in " + CodeText.line(r.verifiedAtExport()) + ". Bundles of "
                + "this format (every input kind at FP32, INT8, INT4 and an automatic plan) are verified by Netloom's "
                + "conformance suite, on x86-64, by running their own examples unchanged on held-out data: "
                + "`run_model.mjs` and `index.html` in " + String.join(", ", r.formatTestedIn().stream()
                .map(CodeText::line).toList()) + ". Outputs agree within " + Units.plain(r.outputTolerance())
                + " of the largest output (at least 1) of each example; ONNX Runtime " + CodeText.line(r.minimumVersion())
                + " is the oldest release supported. " + options + family;
    }

    private static String describeFile(String name, BundleContents c) {
        return switch (name) {
            case BundleLayout.MODEL -> "the model (ONNX, opset " + c.device().opset() + ")";
            case BundleLayout.MANIFEST -> "what the model is, how to feed it, and the SHA-256 of every other file";
            case BundleLayout.SIGNATURE -> "Ed25519 signature of manifest.json (Base64)";
            case BundleLayout.PUBLIC_KEY -> "the public key the signature was made with";
            case BundleLayout.LABELS -> "class names, one per line, in output order";
            case BundleLayout.VOCAB -> "the tokens for text input, one per line; the line number (from 0) is the token id";
            case BundleLayout.README -> "this file";
            case BundleExample.NODE_FILE -> "the Node.js example (onnxruntime-node), for any computer";
            default -> "the runnable example for " + c.example().id();
        };
    }

    private static String precisionSummary(Manifest.PrecisionPlan p) {
        if (p.perLayer().isEmpty()) {
            return "";
        }
        Map<Precision, Integer> counts = new EnumMap<>(Precision.class);
        p.perLayer().values().forEach(x -> counts.merge(x, 1, Integer::sum));
        List<String> parts = new ArrayList<>();
        counts.forEach((precision, n) -> parts.add(Manifest.PrecisionPlan.key(precision) + " for " + n
                + (n == 1 ? " layer" : " layers")));
        return "Weights are stored as " + String.join(", ", parts) + " (manifest.json lists each layer).";
    }

    static String tensorWords(Manifest.TensorSpec t, boolean input) {
        StringBuilder s = new StringBuilder("- `").append(CodeText.line(t.name())).append("`: ")
                .append(t.elementType().key()).append(", shape ").append(t.shapeText());
        if (t.shape().contains(Manifest.TensorSpec.BATCH)) {
            s.append(" (N is the batch size; 1 for one input at a time)");
        }
        s.append(". ");
        if (input) {
            s.append(preprocessingWords(t));
        } else {
            s.append("Scores for each label, in the order of labels.txt.");
        }
        return s.toString();
    }

    /** The preprocessing in plain words; keys it does not know are left to manifest.json. */
    static String preprocessingWords(Manifest.TensorSpec t) {
        JsonNode pre = t.preprocessing();
        return switch (InputKind.of(t)) {
            case IMAGE -> {
                int channels = pre.path("channels").asInt(t.shape().size() == 4 ? t.shape().get(1).intValue() : 3);
                String size = pre.has("width") && pre.has("height") ? pre.path("width").asInt() + " × "
                        + pre.path("height").asInt() + " pixels" : "the shape's size";
                String normalise = pre.has("mean") && pre.has("std")
                        ? ", then per channel minus mean " + numbers(pre, "mean") + " and divided by std " + numbers(pre, "std")
                        : "";
                yield "A " + (channels == 1 ? "grey (0.299 R + 0.587 G + 0.114 B)" : "colour (RGB)")
                        + " picture, transparent parts over black, resized " + pre.path("resize").asText("bilinear")
                        + " to " + size + " (pixel centres, edges clamped, rounded to 8 bits; a picture already that "
                        + "size is used as it is); each value divided by 255" + normalise
                        + "; channels first (N × C × H × W).";
            }
            case TOKENS -> {
                String length = pre.has("length") ? Integer.toString(pre.path("length").asInt())
                        : t.shape().isEmpty() ? "the input's" : Long.toString(t.shape().get(t.shape().size() - 1));
                String bpe = "bpe".equals(pre.path("tokenizer").asText())
                        ? ", then each word split into sub-word pieces by the byte-pair merges listed in manifest.json"
                        : "";
                yield "Text as token ids: lower-cased, cut into words and single punctuation marks" + bpe
                        + "; each piece's id is its line number (from 0) in vocab.txt, 1 ([UNK]) when it is not there;"
                        + " padded with 0 ([PAD]) after the text or cut to " + length + " tokens.";
            }
            case AUDIO -> "A 16-bit PCM mono WAV clip at " + pre.path("sampleRate").asInt() + " Hz, scaled to [-1, 1) "
                    + "and cut or padded with zeros to " + pre.path("clipMs").asInt() + " ms; frames of "
                    + pre.path("window").asInt() + " samples every " + pre.path("hop").asInt() + " (no edge padding) times "
                    + "a periodic Hann window, zero-padded to " + pre.path("nFft").asInt() + " for the FFT; the power "
                    + "spectrum through " + pre.path("mels").asInt() + " triangular HTK-mel filters from "
                    + pre.path("fMin").asDouble() + " Hz to half the sample rate (not normalised); ln(energy + "
                    + pre.path("logOffset").asDouble() + "); minus mean " + numbers(pre, "mean") + ", divided by std "
                    + numbers(pre, "std") + "; laid out as 1 × mels × frames (N × 1 × " + pre.path("mels").asInt() + " × "
                    + pre.path("frames").asInt() + ").";
            case TABLE -> {
                if (pre.path("columns").isArray()) {
                    List<String> cols = new ArrayList<>();
                    for (JsonNode col : pre.path("columns")) {
                        cols.add("`" + CodeText.line(col.path("name").asText()) + "`" + ("category".equals(col.path("type")
                                .asText()) ? " (one-hot over " + col.path("categories").size() + " categories)" : ""));
                    }
                    yield "A table row, read by column name from a CSV header (the label column `"
                            + CodeText.line(pre.path("label").asText("label")) + "` and unknown columns are ignored): "
                            + String.join(", ", cols) + ". Number columns become (value - mean) / std, category "
                            + "columns a one-hot block in the order manifest.json lists; means, stds and categories "
                            + "are in manifest.json.";
                }
                String normalise = pre.has("mean") && pre.has("std")
                        ? " Each value minus its mean " + numbers(pre, "mean") + " and divided by its std "
                        + numbers(pre, "std") + "." : "";
                yield "A row of numbers in the order the model was trained on." + normalise
                        + (pre.size() > 0 ? " All settings are in manifest.json." : "");
            }
        };
    }

    private static String numbers(JsonNode pre, String key) {
        List<Double> values = InputKind.numbers(pre, key);
        if (values.isEmpty() || values.size() > 16) {
            return "(see manifest.json)";
        }
        return values.stream().map(Units::plain).collect(Collectors.joining(", ", "[", "]"));
    }

    private static String labelsWords(List<String> labels) {
        if (labels.isEmpty()) {
            return "The model has no class labels.";
        }
        int shown = Math.min(labels.size(), 50);
        String list = labels.subList(0, shown).stream().map(CodeText::line).collect(Collectors.joining(", "));
        return labels.size() + (labels.size() == 1 ? " label" : " labels") + " (labels.txt, in output order): " + list
                + (shown < labels.size() ? ", … and " + (labels.size() - shown) + " more." : ".");
    }

    static String parityWords(Manifest.Parity p) {
        return String.format(Locale.ROOT,
                "On the %d probe inputs saved with the trained model, the exported model's outputs differ by at most "
                        + "%.3g (allowed: %.3g): parity %s.", p.probeRows(), p.maxAbsDiff(), p.tolerance(),
                p.passed() ? "passed" : "**failed**");
    }

    private static String accuracyWords(Manifest.Accuracy a) {
        if (!a.isMeasured()) {
            return "Accuracy was not measured: " + CodeText.line(a.note());
        }
        String s = String.format(Locale.ROOT, "Accuracy on the %s split (%d examples): %.2f %% exported, %.2f %% for "
                        + "the trained FP32 model (a drop of %.2f points).", CodeText.line(a.split()), a.examples(),
                a.accuracy() * 100, a.fp32Accuracy() * 100, a.dropPoints());
        return a.note() == null ? s : s + " " + CodeText.line(a.note());
    }
}
