package dev.netloom.export.bundle;

import static dev.netloom.graph.json.StrictJson.clip;
import static dev.netloom.graph.json.StrictJson.kind;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.netloom.graph.json.StrictJson;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.netloom.graph.Precision;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code manifest.json} as text: {@link #format} writes a {@link Manifest} as pretty JSON with a
 * fixed key order ({@code formatVersion} first), {@link #parse} reads one back. Every problem
 * becomes one {@link ManifestFormatException} naming the file and the JSON path; nothing else
 * escapes {@code parse}, whatever the bytes.
 */
public final class ManifestFile {

    /** Manifests are small; anything bigger is not one (and would be slow to hash and parse). */
    public static final int MAX_BYTES = 16 << 20;

    // Duplicate keys are refused there: two values for one key would make the signed bytes mean two things.
    private static final ObjectMapper MAPPER = StrictJson.mapper();

    private static final DefaultPrettyPrinter PRETTY = StrictJson.prettyPrinter();

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private ManifestFile() {
    }

    /** The manifest as UTF-8 bytes: the exact bytes written and signed. */
    public static byte[] format(Manifest m) {
        return toJson(m).getBytes(StandardCharsets.UTF_8);
    }

    /** The manifest as pretty JSON text ending in a newline. */
    public static String toJson(Manifest m) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        root.put("formatVersion", m.formatVersion());
        ObjectNode model = root.putObject("model");
        model.put("name", m.model().name());
        model.put("version", m.model().version());
        model.put("sourceArtifact", m.model().sourceArtifact());
        model.put("graphSha256", m.model().graphSha256());
        model.put("created", m.model().created().toString());
        model.put("netloomVersion", m.model().netloomVersion());
        ObjectNode device = root.putObject("device");
        device.put("id", m.device().id());
        device.put("name", m.device().name());
        device.put("group", m.device().group());
        device.put("runtime", m.device().runtime());
        device.put("opset", m.device().opset());
        if (m.runtime() != null) {
            ObjectNode runtime = root.putObject("runtime");
            runtime.put("minimumVersion", m.runtime().minimumVersion());
            runtime.put("verifiedAtExport", m.runtime().verifiedAtExport());
            ArrayNode tested = runtime.putArray("formatTestedIn");
            m.runtime().formatTestedIn().forEach(tested::add);
            ObjectNode options = runtime.putObject("sessionOptions");
            m.runtime().sessionOptions().forEach(options::put);
            runtime.put("outputTolerance", m.runtime().outputTolerance());
        }
        ObjectNode precision = root.putObject("precision");
        precision.put("requested", m.precision().requested());
        ObjectNode perLayer = precision.putObject("perLayer");
        m.precision().perLayer().forEach((node, p) -> perLayer.put(node, Manifest.PrecisionPlan.key(p)));
        precision.put("bitsPerWeight", m.precision().bitsPerWeight());
        root.set("inputs", tensors(m.inputs()));
        root.set("outputs", tensors(m.outputs()));
        ArrayNode labels = root.putArray("labels");
        m.labels().forEach(labels::add);
        ObjectNode sizes = root.putObject("sizes");
        sizes.put("modelBytes", m.sizes().modelBytes());
        sizes.put("weightBytes", m.sizes().weightBytes());
        if (m.sizes().bundleBytes() != null) {
            sizes.put("bundleBytes", m.sizes().bundleBytes());
        }
        ObjectNode estimate = root.putObject("estimate");
        estimate.put("latencyMs", m.estimate().latencyMs());
        estimate.put("peakMemoryBytes", m.estimate().peakMemoryBytes());
        estimate.put("storageBytes", m.estimate().storageBytes());
        estimate.put("threads", m.estimate().threads());
        estimate.put("fits", m.estimate().fits());
        ObjectNode parity = root.putObject("parity");
        parity.put("probeRows", m.parity().probeRows());
        parity.put("maxAbsDiff", m.parity().maxAbsDiff());
        parity.put("tolerance", m.parity().tolerance());
        parity.put("passed", m.parity().passed());
        ObjectNode accuracy = root.putObject("accuracy");
        Manifest.Accuracy a = m.accuracy();
        if (a.isMeasured()) {
            accuracy.put("split", a.split());
            accuracy.put("examples", a.examples());
            accuracy.put("fp32Accuracy", a.fp32Accuracy());
            accuracy.put("accuracy", a.accuracy());
            accuracy.put("dropPoints", a.dropPoints());
        }
        if (a.note() != null) {
            accuracy.put("note", a.note());
        }
        ObjectNode files = root.putObject("files");
        m.files().forEach((name, e) -> {
            ObjectNode entry = files.putObject(name);
            entry.put("bytes", e.bytes());
            entry.put("sha256", e.sha256());
        });
        try {
            return MAPPER.writer(PRETTY).writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    private static ArrayNode tensors(List<Manifest.TensorSpec> specs) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (Manifest.TensorSpec t : specs) {
            ObjectNode o = out.addObject();
            o.put("name", t.name());
            o.put("node", t.node());
            ArrayNode shape = o.putArray("shape");
            t.shape().forEach(d -> {
                if (d == Manifest.TensorSpec.BATCH) {
                    shape.add("N");
                } else {
                    shape.add(d);
                }
            });
            o.put("elementType", t.elementType().key());
            o.set("preprocessing", t.preprocessing());
        }
        return out;
    }

    /**
     * Reads a manifest.
     *
     * @param bytes  the file's bytes (UTF-8 JSON)
     * @param source the file name for messages, usually {@code manifest.json}
     * @throws ManifestFormatException for anything that is not a valid manifest, never another exception
     */
    public static Manifest parse(byte[] bytes, String source) throws ManifestFormatException {
        if (bytes.length > MAX_BYTES) {
            throw new ManifestFormatException(source, "", "is " + bytes.length + " bytes; a manifest is at most "
                    + MAX_BYTES + " bytes");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ManifestFormatException(source, "", "is not UTF-8 text");
        }
        JsonNode root;
        JsonParser parser = null;
        try {
            parser = MAPPER.createParser(text);
            root = MAPPER.readTree(parser);
        } catch (JsonProcessingException e) {
            // Broken limits (nesting, number length) carry no location; the parser knows where it stopped.
            JsonLocation at = e.getLocation() != null ? e.getLocation() : parser == null ? null : parser.currentLocation();
            String where = at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new ManifestFormatException(source, where, dev.netloom.graph.files.ParserWords.plain(e.getOriginalMessage()));
        } catch (IOException | RuntimeException e) {
            throw new ManifestFormatException(source, "", "cannot be read: " + firstLine(String.valueOf(e.getMessage())));
        } catch (StackOverflowError e) {
            throw new ManifestFormatException(source, "", "is nested too deeply");
        } finally {
            if (parser != null) {
                try {
                    parser.close();
                } catch (IOException ignored) {
                    // Reading from a string: nothing to release.
                }
            }
        }
        if (root == null || root.isMissingNode()) {
            throw new ManifestFormatException(source, "", "is empty");
        }
        try {
            return new Reading(source).manifest(new At(root, "$"));
        } catch (RuntimeException e) {
            // A record constructor refusing a combination the reader let through: still one line, still this type.
            throw new ManifestFormatException(source, "$", firstLine(String.valueOf(e.getMessage())));
        }
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** A JSON value and its path from the root. */
    private record At(JsonNode node, String path) {

        At key(String name) {
            String p = IDENTIFIER.matcher(name).matches() ? path + "." + name
                    : path + "[\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"]";
            return new At(node.path(name), p);
        }

        At index(int i) {
            return new At(node.path(i), path + "[" + i + "]");
        }
    }

    /** Reads the tree, stopping at the first problem with its path. */
    private static final class Reading {

        private final String source;

        Reading(String source) {
            this.source = source;
        }

        private ManifestFormatException error(At at, String reason) {
            return new ManifestFormatException(source, at.path(), reason);
        }

        Manifest manifest(At root) throws ManifestFormatException {
            object(root);
            At version = root.key("formatVersion");
            int formatVersion = integer(version, 1, Integer.MAX_VALUE);
            if (formatVersion != Manifest.FORMAT_VERSION && formatVersion != 1) {
                throw error(version, "this is format " + formatVersion + "; this version of netloom reads formats 1 to "
                        + Manifest.FORMAT_VERSION);
            }
            return new Manifest(formatVersion, model(root.key("model")), device(root.key("device")),
                    formatVersion == 1 ? null : runtime(root.key("runtime")), precision(root.key("precision")), tensors(root.key("inputs")), tensors(root.key("outputs")),
                    lines(root.key("labels")), sizes(root.key("sizes")), estimate(root.key("estimate")),
                    parity(root.key("parity")), accuracy(root.key("accuracy")), files(root.key("files")));
        }

        private Manifest.Model model(At at) throws ManifestFormatException {
            object(at);
            At created = at.key("created");
            Instant time;
            try {
                time = Instant.parse(text(created));
            } catch (DateTimeParseException e) {
                throw error(created, "expected a UTC time such as 2026-01-31T12:00:00Z, got \""
                        + clip(created.node().textValue()) + "\"");
            }
            return new Manifest.Model(text(at.key("name")), text(at.key("version")), text(at.key("sourceArtifact")),
                    sha256(at.key("graphSha256")), time, text(at.key("netloomVersion")));
        }

        private Manifest.Device device(At at) throws ManifestFormatException {
            object(at);
            return new Manifest.Device(text(at.key("id")), text(at.key("name")), text(at.key("group")),
                    text(at.key("runtime")), integer(at.key("opset"), 1, 1000));
        }

        private Manifest.Runtime runtime(At at) throws ManifestFormatException {
            object(at);
            At options = at.key("sessionOptions");
            object(options);
            Map<String, String> settings = new LinkedHashMap<>();
            for (Iterator<String> it = options.node().fieldNames(); it.hasNext(); ) {
                String key = it.next();
                settings.put(key, text(options.key(key)));
            }
            return new Manifest.Runtime(text(at.key("minimumVersion")), text(at.key("verifiedAtExport")),
                    lines(at.key("formatTestedIn")), settings, nonNegative(at.key("outputTolerance")));
        }

        private Manifest.PrecisionPlan precision(At at) throws ManifestFormatException {
            object(at);
            At requested = at.key("requested");
            String r = text(requested);
            if (!Manifest.PrecisionPlan.REQUESTED.contains(r)) {
                throw error(requested, "expected one of " + String.join(", ", Manifest.PrecisionPlan.REQUESTED)
                        + ", got \"" + clip(r) + "\"");
            }
            At perLayer = at.key("perLayer");
            object(perLayer);
            Map<String, Precision> layers = new LinkedHashMap<>();
            for (Iterator<String> it = perLayer.node().fieldNames(); it.hasNext(); ) {
                String node = it.next();
                At p = perLayer.key(node);
                layers.put(node, precisionValue(p));
            }
            At bits = at.key("bitsPerWeight");
            double b = number(bits);
            if (!(b > 0 && b <= 64)) {
                throw error(bits, "expected a number of bits above 0 and at most 64, got " + b);
            }
            return new Manifest.PrecisionPlan(r, layers, b);
        }

        private Precision precisionValue(At at) throws ManifestFormatException {
            String s = text(at);
            // Exactly the written word: the manifest's bytes are signed, so "INT8" is not "int8".
            return Precision.parse(s).filter(p -> p.key().equals(s))
                    .orElseThrow(() -> error(at, "expected one of " + Precision.words() + ", got \"" + clip(s) + "\""));
        }

        private List<Manifest.TensorSpec> tensors(At at) throws ManifestFormatException {
            array(at);
            if (at.node().isEmpty()) {
                throw error(at, "expected at least one tensor");
            }
            List<Manifest.TensorSpec> out = new ArrayList<>();
            for (int i = 0; i < at.node().size(); i++) {
                out.add(tensor(at.index(i)));
            }
            return out;
        }

        private Manifest.TensorSpec tensor(At at) throws ManifestFormatException {
            object(at);
            At shape = at.key("shape");
            array(shape);
            List<Long> dims = new ArrayList<>();
            for (int i = 0; i < shape.node().size(); i++) {
                At d = shape.index(i);
                if (d.node().isTextual() && d.node().textValue().equals("N")) {
                    dims.add(Manifest.TensorSpec.BATCH);
                } else if (d.node().canConvertToExactIntegral() && d.node().isIntegralNumber()
                        && d.node().canConvertToLong() && d.node().longValue() >= 0) {
                    dims.add(d.node().longValue());
                } else {
                    throw error(d, "expected \"N\" (the batch) or a whole number >= 0, got " + kind(d.node()));
                }
            }
            At type = at.key("elementType");
            String t = text(type);
            Manifest.ElementType elementType = null;
            for (Manifest.ElementType e : Manifest.ElementType.values()) {
                if (e.key().equals(t)) {
                    elementType = e;
                }
            }
            if (elementType == null) {
                throw error(type, "expected float32 or int64, got \"" + clip(t) + "\"");
            }
            At pre = at.key("preprocessing");
            object(pre);
            return new Manifest.TensorSpec(text(at.key("name")), text(at.key("node")), dims, elementType, pre.node());
        }

        private List<String> lines(At at) throws ManifestFormatException {
            array(at);
            List<String> out = new ArrayList<>();
            for (int i = 0; i < at.node().size(); i++) {
                At item = at.index(i);
                String s = text(item);
                if (s.isEmpty() || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
                    throw error(item, "expected one non-empty line of text");
                }
                out.add(s);
            }
            return out;
        }

        private Manifest.Sizes sizes(At at) throws ManifestFormatException {
            object(at);
            At bundle = at.key("bundleBytes");
            Long bundleBytes = bundle.node().isMissingNode() || bundle.node().isNull() ? null : whole(bundle);
            return new Manifest.Sizes(whole(at.key("modelBytes")), whole(at.key("weightBytes")), bundleBytes);
        }

        private Manifest.Estimate estimate(At at) throws ManifestFormatException {
            object(at);
            return new Manifest.Estimate(nonNegative(at.key("latencyMs")), whole(at.key("peakMemoryBytes")),
                    whole(at.key("storageBytes")), integer(at.key("threads"), 1, 1 << 16), bool(at.key("fits")));
        }

        private Manifest.Parity parity(At at) throws ManifestFormatException {
            object(at);
            return new Manifest.Parity(integer(at.key("probeRows"), 0, Integer.MAX_VALUE), nonNegative(at.key("maxAbsDiff")),
                    nonNegative(at.key("tolerance")), bool(at.key("passed")));
        }

        private Manifest.Accuracy accuracy(At at) throws ManifestFormatException {
            object(at);
            At noteAt = at.key("note");
            String note = noteAt.node().isMissingNode() || noteAt.node().isNull() ? null : text(noteAt);
            At acc = at.key("accuracy");
            if (acc.node().isMissingNode() || acc.node().isNull()) {
                if (note == null || note.isBlank()) {
                    throw error(noteAt, "accuracy was not measured, so a note must say why");
                }
                for (String k : List.of("split", "examples", "fp32Accuracy", "dropPoints")) {
                    if (!at.key(k).node().isMissingNode() && !at.key(k).node().isNull()) {
                        throw error(at.key(k), "must be absent when accuracy is not measured");
                    }
                }
                return Manifest.Accuracy.notMeasured(note);
            }
            At drop = at.key("dropPoints");
            double d = number(drop);
            return new Manifest.Accuracy(text(at.key("split")), integer(at.key("examples"), 0, Integer.MAX_VALUE),
                    fraction(at.key("fp32Accuracy")), fraction(acc), d, note);
        }

        private Map<String, Manifest.FileEntry> files(At at) throws ManifestFormatException {
            object(at);
            Map<String, Manifest.FileEntry> out = new LinkedHashMap<>();
            for (Iterator<String> it = at.node().fieldNames(); it.hasNext(); ) {
                String name = it.next();
                At entry = at.key(name);
                if (!Manifest.isPlainFileName(name)) {
                    throw error(entry, "not a plain file name (letters, digits, . _ - only, no folders)");
                }
                if (BundleLayout.UNLISTED.contains(name)) {
                    throw error(entry, name + " cannot list itself or its own signature");
                }
                object(entry);
                out.put(name, new Manifest.FileEntry(whole(entry.key("bytes")), sha256(entry.key("sha256"))));
            }
            return out;
        }

        // --- values ---

        private void object(At at) throws ManifestFormatException {
            if (!at.node().isObject()) {
                throw error(at, at.node().isMissingNode() ? "missing" : "expected an object, got " + kind(at.node()));
            }
        }

        private void array(At at) throws ManifestFormatException {
            if (!at.node().isArray()) {
                throw error(at, at.node().isMissingNode() ? "missing" : "expected a list, got " + kind(at.node()));
            }
        }

        private String text(At at) throws ManifestFormatException {
            if (!at.node().isTextual()) {
                throw error(at, at.node().isMissingNode() ? "missing" : "expected text, got " + kind(at.node()));
            }
            return at.node().textValue();
        }

        private String sha256(At at) throws ManifestFormatException {
            String s = text(at);
            if (!Manifest.isSha256(s)) {
                throw error(at, "expected 64 hex digits");
            }
            return s;
        }

        private boolean bool(At at) throws ManifestFormatException {
            if (!at.node().isBoolean()) {
                throw error(at, at.node().isMissingNode() ? "missing" : "expected true or false, got " + kind(at.node()));
            }
            return at.node().booleanValue();
        }

        private double number(At at) throws ManifestFormatException {
            if (!at.node().isNumber()) {
                throw error(at, at.node().isMissingNode() ? "missing" : "expected a number, got " + kind(at.node()));
            }
            double v = at.node().doubleValue();
            if (!Double.isFinite(v)) {
                throw error(at, "expected a finite number");
            }
            return v;
        }

        private double nonNegative(At at) throws ManifestFormatException {
            double v = number(at);
            if (v < 0) {
                throw error(at, "expected a number >= 0, got " + v);
            }
            return v;
        }

        private double fraction(At at) throws ManifestFormatException {
            double v = number(at);
            if (v < 0 || v > 1) {
                throw error(at, "expected a fraction from 0 to 1, got " + v);
            }
            return v;
        }

        private long whole(At at) throws ManifestFormatException {
            JsonNode n = at.node();
            if (!n.isIntegralNumber() || !n.canConvertToLong() || n.longValue() < 0) {
                throw error(at, n.isMissingNode() ? "missing" : "expected a whole number >= 0, got " + kind(n));
            }
            return n.longValue();
        }

        private int integer(At at, int min, int max) throws ManifestFormatException {
            JsonNode n = at.node();
            if (!n.isIntegralNumber() || !n.canConvertToInt() || n.intValue() < min || n.intValue() > max) {
                throw error(at, n.isMissingNode() ? "missing"
                        : "expected a whole number from " + min + " to " + max + ", got " + kind(n));
            }
            return n.intValue();
        }
    }
}
