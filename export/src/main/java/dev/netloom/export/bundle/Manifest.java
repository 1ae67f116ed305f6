package dev.netloom.export.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.netloom.graph.Precision;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What {@code manifest.json} says about a bundle: which model, for which device, at which
 * precision, how to feed it, how big it is, how fast it is expected to run, how closely it
 * matches the trained model, and the SHA-256 of every other file.
 *
 * <p>Its life: the exporter fills everything but {@link #files} into {@link BundleContents};
 * {@link BundleWriter} writes the other files, hashes them, completes the manifest and signs its
 * exact bytes; {@link BundleVerifier} parses it back ({@link ManifestFile#parse}) and checks the
 * files against it. All records are immutable; the constructors check what a parser would.
 *
 * @param formatVersion the manifest format, {@link #FORMAT_VERSION} when written by this code
 * @param model         what the model is and where it came from
 * @param device        the device the bundle was made for
 * @param runtime       which ONNX Runtime releases compute it right, and how closely; null only in
 *                      format 1 manifests, which predate it
 * @param precision     the precision requested and chosen per layer
 * @param inputs        the model's inputs, in the order the ONNX graph declares them
 * @param outputs       the model's outputs
 * @param labels        class names in output order (may be empty for a model without classes)
 * @param sizes         bytes of the model and its weights
 * @param estimate      the estimated cost on the device
 * @param parity        how closely the exported model matches the trained one on the probe batch
 * @param accuracy      measured accuracy, or a note saying why it was not measured
 * @param files         every other file of the bundle by name (not {@code manifest.json} and
 *                      {@code manifest.sig}), sorted by name
 */
public record Manifest(int formatVersion, Model model, Device device, Runtime runtime, PrecisionPlan precision,
                       List<TensorSpec> inputs,
                       List<TensorSpec> outputs, List<String> labels, Sizes sizes, Estimate estimate, Parity parity,
                       Accuracy accuracy, Map<String, FileEntry> files) {

    /** The format version this code writes; it also reads format 1 (no {@code runtime} section). */
    public static final int FORMAT_VERSION = 2;

    public Manifest {
        if (formatVersion != FORMAT_VERSION && formatVersion != 1) {
            throw new IllegalArgumentException("formatVersion must be 1 or " + FORMAT_VERSION + ", got " + formatVersion);
        }
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(device, "device");
        if ((runtime == null) != (formatVersion == 1)) {
            throw new IllegalArgumentException(formatVersion == 1 ? "a format 1 manifest has no runtime section"
                    : "runtime is missing");
        }
        Objects.requireNonNull(precision, "precision");
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        if (inputs.isEmpty() || outputs.isEmpty()) {
            throw new IllegalArgumentException("a model has at least one input and one output");
        }
        labels = List.copyOf(labels);
        labels.forEach(Manifest::checkLine);
        Objects.requireNonNull(sizes, "sizes");
        Objects.requireNonNull(estimate, "estimate");
        Objects.requireNonNull(parity, "parity");
        Objects.requireNonNull(accuracy, "accuracy");
        TreeMap<String, FileEntry> sorted = new TreeMap<>();
        files.forEach((name, entry) -> {
            if (!isPlainFileName(name) || BundleLayout.UNLISTED.contains(name)) {
                throw new IllegalArgumentException("not a file name a bundle can list: " + name);
            }
            sorted.put(name, Objects.requireNonNull(entry, name));
        });
        files = Collections.unmodifiableMap(sorted);
    }

    /** This manifest with {@code files} (and the bundle size they add up to) filled in. */
    public Manifest withFiles(Map<String, FileEntry> files) {
        long total = files.values().stream().mapToLong(FileEntry::bytes).sum();
        return new Manifest(formatVersion, model, device, runtime, precision, inputs, outputs, labels,
                new Sizes(sizes.modelBytes(), sizes.weightBytes(), total), estimate, parity, accuracy, files);
    }

    // Names a bundle may hold: plain, portable, and unable to climb out of the folder (zip-slip).
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    /** Whether {@code name} is a plain file name a bundle can hold: letters, digits, {@code . _ -}, no leading dot. */
    public static boolean isPlainFileName(String name) {
        return name != null && FILE_NAME.matcher(name).matches() && !name.contains("..");
    }

    /** Whether {@code hex} is a SHA-256 digest in lower-case hexadecimal. */
    public static boolean isSha256(String hex) {
        return hex != null && SHA256.matcher(hex).matches();
    }

    static String checkText(String value, String what) {
        Objects.requireNonNull(value, what);
        return value;
    }

    static void checkLine(String line) {
        if (line.isEmpty() || line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("a label or token must be one non-empty line, got \"" + line + "\"");
        }
    }

    static void checkNonNegative(double v, String what) {
        if (!Double.isFinite(v) || v < 0) {
            throw new IllegalArgumentException(what + " must be a finite number >= 0, got " + v);
        }
    }

    /**
     * What the model is.
     *
     * @param name           the model's name (the project's name)
     * @param version        the model's version, free text such as {@code 3} or {@code 2024-05-01}
     * @param sourceArtifact the model artifact directory it was exported from, as given
     * @param graphSha256    SHA-256 of the artifact's {@code graph.json}
     * @param created        when the bundle was made; part of the signed bytes, so pass a fixed
     *                       time for reproducible bundles
     * @param netloomVersion the studio version that exported it
     */
    public record Model(String name, String version, String sourceArtifact, String graphSha256, Instant created,
                        String netloomVersion) {
        public Model {
            checkText(name, "name");
            checkText(version, "version");
            checkText(sourceArtifact, "sourceArtifact");
            if (!isSha256(graphSha256)) {
                throw new IllegalArgumentException("graphSha256 must be 64 lower-case hex digits, got " + graphSha256);
            }
            Objects.requireNonNull(created, "created");
            checkText(netloomVersion, "netloomVersion");
        }
    }

    /**
     * The device the bundle was made for, from the device catalog.
     *
     * @param id      the catalog id, e.g. {@code raspberry-pi-5}
     * @param name    the display name
     * @param group   the catalog group, e.g. {@code single-board}
     * @param runtime the runtime it runs on, e.g. {@code onnxruntime 1.23}
     * @param opset   the ONNX opset the model was written for
     */
    public record Device(String id, String name, String group, String runtime, int opset) {
        public Device {
            checkText(id, "id");
            checkText(name, "name");
            checkText(group, "group");
            checkText(runtime, "runtime");
            if (opset < 1) {
                throw new IllegalArgumentException("opset must be >= 1, got " + opset);
            }
        }
    }

    /**
     * Which ONNX Runtime releases compute the bundle right, and how closely they must agree.
     *
     * @param minimumVersion   the oldest ONNX Runtime release the bundle supports
     * @param verifiedAtExport the runtime the exporter ran the bundle in, e.g. {@code ONNX Runtime (Java) 1.23.2}
     * @param formatTestedIn   the runtimes the conformance suite runs bundles of this format in
     * @param sessionOptions   session settings the bundle needs (none: every example uses the defaults)
     * @param outputTolerance  the largest difference of an output from the exporter's, relative to
     *                         {@code max(1, largest |output|)} of that example, that another
     *                         runtime or CPU may show
     */
    public record Runtime(String minimumVersion, String verifiedAtExport, List<String> formatTestedIn,
                          Map<String, String> sessionOptions, double outputTolerance) {
        public Runtime {
            checkText(minimumVersion, "minimumVersion");
            checkText(verifiedAtExport, "verifiedAtExport");
            formatTestedIn = List.copyOf(formatTestedIn);
            sessionOptions = Collections.unmodifiableMap(new TreeMap<>(sessionOptions));
            checkNonNegative(outputTolerance, "outputTolerance");
        }
    }

    /**
     * Precision: what was asked for, what each layer got, and what a weight costs on average.
     *
     * @param requested     {@code fp32 fp16 int8 int8-static int4 int2 int1} or {@code auto} ({@link #REQUESTED})
     * @param perLayer      the precision of each layer's weights by node id (sorted by id)
     * @param bitsPerWeight average bits per weight including quantization scales and packing
     */
    public record PrecisionPlan(String requested, Map<String, Precision> perLayer, double bitsPerWeight) {

        /** The values {@link #requested} may take. */
        public static final List<String> REQUESTED = List.of("fp32", "fp16", "int8", "int8-static", "int4", "int2",
                "int1", "auto");

        public PrecisionPlan {
            if (!REQUESTED.contains(requested)) {
                throw new IllegalArgumentException("requested must be one of " + REQUESTED + ", got " + requested);
            }
            perLayer = Collections.unmodifiableMap(new TreeMap<>(perLayer));
            if (!Double.isFinite(bitsPerWeight) || bitsPerWeight <= 0 || bitsPerWeight > 64) {
                throw new IllegalArgumentException("bitsPerWeight must be in (0, 64], got " + bitsPerWeight);
            }
        }

        /** The name a precision has in the manifest: {@code fp32}, {@code int4}, ... */
        public static String key(Precision p) {
            return p.key();
        }
    }

    /** The element type of a bundle's input or output, as the manifest spells it. */
    public enum ElementType {
        /** 32-bit floats: images, features, probabilities. */
        FLOAT32("float32"),
        /** 64-bit integers: token ids. */
        INT64("int64");

        private final String key;

        ElementType(String key) {
            this.key = key;
        }

        /** The manifest's name for it. */
        public String key() {
            return key;
        }
    }

    /**
     * One input or output of the model.
     *
     * @param name          the ONNX value name
     * @param node          the graph node it comes from
     * @param shape         the dimensions; {@link #BATCH} (written {@code "N"}) marks the batch size
     * @param elementType   the element type
     * @param preprocessing how raw data becomes this tensor (free-form: image size, mean/std,
     *                      tokenizer, ...); an empty object for outputs and when there is nothing
     *                      to do. Copied, so later changes to the tree passed in do not show.
     */
    public record TensorSpec(String name, String node, List<Long> shape, ElementType elementType,
                             JsonNode preprocessing) {

        /** A dimension that is the batch size, {@code "N"} in the manifest. */
        public static final long BATCH = -1;

        public TensorSpec {
            checkText(name, "name");
            checkText(node, "node");
            shape = List.copyOf(shape);
            for (Long d : shape) {
                if (d != BATCH && d < 0) {
                    throw new IllegalArgumentException("a dimension is BATCH or >= 0, got " + d);
                }
            }
            Objects.requireNonNull(elementType, "elementType");
            preprocessing = preprocessing == null ? JsonNodeFactory.instance.objectNode() : preprocessing.deepCopy();
        }

        /** The preprocessing tree (a copy: the record stays immutable). */
        @Override
        public JsonNode preprocessing() {
            return preprocessing.deepCopy();
        }

        /** The shape as the README writes it: {@code N × 3 × 32 × 32}. */
        public String shapeText() {
            StringBuilder s = new StringBuilder();
            for (Long d : shape) {
                s.append(s.length() == 0 ? "" : " × ").append(d == BATCH ? "N" : d.toString());
            }
            return s.length() == 0 ? "scalar" : s.toString();
        }
    }

    /**
     * Sizes in bytes.
     *
     * @param modelBytes  {@code model.onnx}
     * @param weightBytes the weights inside it (with scales)
     * @param bundleBytes every file the manifest lists, added up (the manifest and its signature
     *                    add a few KB); null before {@link BundleWriter} has written the files
     */
    public record Sizes(long modelBytes, long weightBytes, Long bundleBytes) {
        public Sizes {
            if (modelBytes < 0 || weightBytes < 0 || (bundleBytes != null && bundleBytes < 0)) {
                throw new IllegalArgumentException("sizes are >= 0");
            }
        }
    }

    /**
     * The device estimator's numbers (estimates, not measurements).
     *
     * @param latencyMs       one inference, batch 1
     * @param peakMemoryBytes peak working memory
     * @param storageBytes    storage the model needs on the device
     * @param threads         threads the estimate assumes
     * @param fits            whether the model fits the device's memory and storage
     */
    public record Estimate(double latencyMs, long peakMemoryBytes, long storageBytes, int threads, boolean fits) {
        public Estimate {
            checkNonNegative(latencyMs, "latencyMs");
            if (peakMemoryBytes < 0 || storageBytes < 0 || threads < 1) {
                throw new IllegalArgumentException("peakMemoryBytes and storageBytes are >= 0, threads >= 1");
            }
        }
    }

    /**
     * The exported model against the trained one, on the artifact's probe batch, in ONNX Runtime.
     *
     * @param probeRows  rows compared
     * @param maxAbsDiff the largest absolute difference of any output value
     * @param tolerance  the largest difference allowed at this precision
     * @param passed     whether {@code maxAbsDiff <= tolerance}
     */
    public record Parity(int probeRows, double maxAbsDiff, double tolerance, boolean passed) {
        public Parity {
            if (probeRows < 0) {
                throw new IllegalArgumentException("probeRows must be >= 0, got " + probeRows);
            }
            checkNonNegative(maxAbsDiff, "maxAbsDiff");
            checkNonNegative(tolerance, "tolerance");
        }
    }

    /**
     * Accuracy of the exported model on a data split, beside the trained (FP32) model's. When it
     * was not measured, every measured field is null and {@link #note} says why.
     *
     * @param split        the split measured, e.g. {@code test}
     * @param examples     examples measured
     * @param fp32Accuracy the trained model's accuracy, 0..1
     * @param accuracy     the exported model's accuracy, 0..1
     * @param dropPoints   {@code (fp32Accuracy - accuracy) × 100}
     * @param note         why it was not measured, or a remark; may be null when measured
     */
    public record Accuracy(String split, Integer examples, Double fp32Accuracy, Double accuracy, Double dropPoints,
                           String note) {
        public Accuracy {
            boolean measured = accuracy != null;
            if (measured) {
                Objects.requireNonNull(split, "split");
                Objects.requireNonNull(examples, "examples");
                Objects.requireNonNull(fp32Accuracy, "fp32Accuracy");
                Objects.requireNonNull(dropPoints, "dropPoints");
                if (examples < 0 || !Double.isFinite(dropPoints)) {
                    throw new IllegalArgumentException("examples must be >= 0 and dropPoints finite");
                }
                checkFraction(fp32Accuracy, "fp32Accuracy");
                checkFraction(accuracy, "accuracy");
            } else if (split != null || examples != null || fp32Accuracy != null || dropPoints != null) {
                throw new IllegalArgumentException("accuracy is null, so the other measured fields must be too");
            } else if (note == null || note.isBlank()) {
                throw new IllegalArgumentException("accuracy that was not measured needs a note saying why");
            }
        }

        /** Measured accuracy; {@code dropPoints} is worked out. */
        public static Accuracy measured(String split, int examples, double fp32Accuracy, double accuracy) {
            return new Accuracy(split, examples, fp32Accuracy, accuracy, (fp32Accuracy - accuracy) * 100, null);
        }

        /** Accuracy that was not measured, and why (e.g. "the artifact has no labelled test split"). */
        public static Accuracy notMeasured(String why) {
            return new Accuracy(null, null, null, null, null, why);
        }

        /** Whether accuracy was measured. */
        public boolean isMeasured() {
            return accuracy != null;
        }

        private static void checkFraction(double v, String what) {
            if (!(v >= 0 && v <= 1)) {
                throw new IllegalArgumentException(what + " must be from 0 to 1, got " + v);
            }
        }
    }

    /**
     * One file's size and checksum.
     *
     * @param bytes  its length
     * @param sha256 its SHA-256, 64 lower-case hex digits
     */
    public record FileEntry(long bytes, String sha256) {
        public FileEntry {
            if (bytes < 0) {
                throw new IllegalArgumentException("bytes must be >= 0, got " + bytes);
            }
            if (!isSha256(sha256)) {
                throw new IllegalArgumentException("sha256 must be 64 lower-case hex digits, got " + sha256);
            }
        }
    }
}
