package dev.netloom.devices;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.netloom.graph.Precision;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads one profile file. The format is the one the shipped files under
 * {@code dev/netloom/devices/profiles/} use; every number is an object
 * {@code {"value": …, "provenance": "measured|published|derived", "source": "…"}}.
 * Anything wrong becomes one {@link ProfileFormatException} naming the file and the JSON path.
 */
final class ProfileReader {

    /** The format version this reader writes and understands. */
    static final int FORMAT_VERSION = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String PRECISION_WORDS = Precision.words();

    private ProfileReader() {
    }

    static DeviceProfile read(String json, String fileName, String origin) throws ProfileFormatException {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
            throw new ProfileFormatException(fileName + ": not valid JSON" + where + ": "
                    + dev.netloom.graph.files.ParserWords.plain(e.getOriginalMessage()), e);
        }
        try {
            return profile(new JsonField(fileName, "$", tree).object(), origin);
        } catch (IllegalArgumentException | ArithmeticException e) {
            // Record constructors check cross-field rules; keep the one exception type and the file name.
            throw new ProfileFormatException(fileName + ": " + e.getMessage(), e);
        }
    }

    private static DeviceProfile profile(JsonField root, String origin) throws ProfileFormatException {
        JsonField version = root.get("formatVersion");
        if (version.integer(1, Integer.MAX_VALUE) != FORMAT_VERSION) {
            throw version.fail("format version " + FORMAT_VERSION + " (this studio reads no other)");
        }
        String id = root.get("id").text();
        if (!id.matches("[a-z0-9][a-z0-9-]{0,62}")) {
            throw root.get("id").fail("an id of lower-case letters, digits and dashes");
        }
        List<RuntimeSupport> runtimes = new ArrayList<>();
        for (JsonField r : root.get("runtimes").elements()) {
            runtimes.add(runtime(r.object()));
        }
        if (runtimes.isEmpty()) {
            throw root.get("runtimes").fail("at least one runtime");
        }
        List<Accelerator> accelerators = new ArrayList<>();
        JsonField acc = root.get("accelerators");
        if (!acc.isMissing()) {
            for (JsonField a : acc.elements()) {
                accelerators.add(accelerator(a.object()));
            }
        }
        List<CalibrationPoint> calibration = new ArrayList<>();
        JsonField cal = root.get("calibration");
        if (!cal.isMissing()) {
            for (JsonField c : cal.elements()) {
                calibration.add(calibrationPoint(c.object()));
            }
        }
        ComputeUnit compute = compute(root.get("compute").object());
        return new DeviceProfile(id, root.get("name").text(),
                root.get("group").oneOf(DeviceGroup::fromId, words(DeviceGroup.values(), DeviceGroup::id)),
                root.get("summary").textOr(""), root.get("calibrated").boolOr(true), compute,
                memory(root.get("memory").object()), power(root.get("power")), accelerators, runtimes, precisions(root.get("precisions")),
                root.get("exampleFamily").oneOf(ExampleFamily::fromId, words(ExampleFamily.values(), ExampleFamily::id)),
                root.get("defaultThreads").integer(1, 1024), calibration, origin);
    }

    private static ComputeUnit compute(JsonField c) throws ProfileFormatException {
        JsonField peaks = c.get("peakPerCore").object();
        Map<Precision, Figure> peak = new EnumMap<>(Precision.class);
        for (String name : peaks.fieldNames()) {
            JsonField p = peaks.get(name);
            peak.put(precision(name).orElseThrow(() -> p.fail("a precision key (" + PRECISION_WORDS + ")")), figure(p));
        }
        if (!peak.containsKey(Precision.FP32)) {
            throw peaks.get("fp32").fail("an FP32 peak in GFLOP/s");
        }
        JsonField parallel = c.get("parallelEfficiency");
        Figure parallelEfficiency = figureAllowZero(parallel);
        if (parallelEfficiency.value() > 1) {
            throw parallel.get("value").fail("a fraction from 0 to 1");
        }
        Map<Precision, Figure> matrixVector = new EnumMap<>(Precision.class);
        JsonField vectors = c.get("matrixVectorPerCore");
        if (!vectors.isMissing()) {
            JsonField v = vectors.object();
            for (String name : v.fieldNames()) {
                JsonField f = v.get(name);
                matrixVector.put(precision(name).orElseThrow(() -> f.fail("a precision key (" + PRECISION_WORDS + ")")), figure(f));
            }
        }
        Map<KernelClass, Figure> kernels = new EnumMap<>(KernelClass.class);
        JsonField kernelEfficiency = c.get("kernelEfficiency");
        if (!kernelEfficiency.isMissing()) {
            JsonField k = kernelEfficiency.object();
            for (String name : k.fieldNames()) {
                JsonField f = k.get(name);
                kernels.put(KernelClass.byKey(name).filter(kc -> kc != KernelClass.OTHER).orElseThrow(() -> f.fail(
                        "a kind of kernel (conv, pointwise, depthwise or matmul)")), figure(f));
            }
        }
        return new ComputeUnit(c.get("description").text(), c.get("cores").integer(1, 1024), figure(c.get("clockGHz")),
                peak, figure(c.get("efficiency")), parallelEfficiency, matrixVector, kernels);
    }

    private static MemoryBudget memory(JsonField m) throws ProfileFormatException {
        return new MemoryBudget(figure(m.get("bandwidthGBps")), figure(m.get("modelRamBytes")),
                figure(m.get("modelStorageBytes")), figureAllowZero(m.get("runtimeArenaBytes")),
                m.get("cacheBytes").isMissing() ? Optional.empty() : Optional.of(figure(m.get("cacheBytes"))));
    }

    /**
     * The optional {@code power} section: {@code activeW} and {@code idleW} figures, the cores
     * busy for the active one ({@code activeCores}, default all) and the {@code scope} they cover. A file without it (a user's older profile) reads as "no power
     * figure", and its estimates carry no energy.
     */
    private static PowerDraw power(JsonField p) throws ProfileFormatException {
        if (p.isMissing()) {
            return PowerDraw.unknown("the profile gives no power figure");
        }
        p.object();
        JsonField active = p.get("activeW");
        JsonField idle = p.get("idleW");
        if (active.isMissing() && !idle.isMissing()) {
            throw active.fail("an active power in watts beside the idle one");
        }
        Optional<Figure> activeW = active.isMissing() ? Optional.empty() : Optional.of(figure(active));
        Optional<Figure> idleW = idle.isMissing() ? Optional.empty() : Optional.of(figure(idle));
        if (idleW.isPresent() && idleW.get().value() > activeW.get().value()) {
            throw idle.get("value").fail("an idle power no higher than the active " + activeW.get().value() + " W");
        }
        JsonField cores = p.get("activeCores");
        int activeCores = cores.isMissing() ? 0 : cores.integer(1, 1024);
        return new PowerDraw(activeW, activeCores, idleW, p.get("scope").text());
    }

    private static RuntimeSupport runtime(JsonField r) throws ProfileFormatException {
        return new RuntimeSupport(r.get("name").text(), r.get("onnxOpset").integer(7, 99), r.get("opsetReason").text(),
                r.get("runsOnnxDirectly").bool(), r.get("foldsSubByteWeights").bool(), r.get("weightsStayInStorage").boolOr(false),
                r.get("integerActivations").boolOr(false),
                figureAllowZero(r.get("perOperatorOverheadUs")), r.get("note").textOr(""),
                r.get("perPredictionOverheadUs").isMissing() ? Figure.derived(0, "not measured for this runtime")
                        : figureAllowZero(r.get("perPredictionOverheadUs")));
    }

    private static Accelerator accelerator(JsonField a) throws ProfileFormatException {
        JsonField tops = a.get("peakTops");
        return new Accelerator(a.get("name").text(), precisions(a.get("precisions")),
                tops.isMissing() ? Optional.empty() : Optional.of(figure(tops)), a.get("howToUse").text());
    }

    private static CalibrationPoint calibrationPoint(JsonField c) throws ProfileFormatException {
        JsonField use = c.get("use");
        String how = use.text();
        if (!how.equals("fitted") && !how.equals("held-out")) {
            throw use.fail("\"fitted\" or \"held-out\"");
        }
        JsonField p = c.get("precision");
        return new CalibrationPoint(c.get("template").text(),
                precision(p.text()).orElseThrow(() -> p.fail("one of " + PRECISION_WORDS)),
                c.get("threads").integer(1, 1024), c.get("latencyMs").positive(), how.equals("fitted"),
                c.get("source").text());
    }

    private static Set<Precision> precisions(JsonField list) throws ProfileFormatException {
        Set<Precision> out = EnumSet.noneOf(Precision.class);
        for (JsonField e : list.elements()) {
            out.add(precision(e.text()).orElseThrow(() -> e.fail("one of " + PRECISION_WORDS)));
        }
        return out;
    }

    static Optional<Precision> precision(String name) {
        return Precision.parse(name);
    }

    private static Figure figure(JsonField f) throws ProfileFormatException {
        return figure(f, false);
    }

    private static Figure figureAllowZero(JsonField f) throws ProfileFormatException {
        return figure(f, true);
    }

    private static Figure figure(JsonField f, boolean zeroAllowed) throws ProfileFormatException {
        if (f.isMissing()) {
            throw f.fail(zeroAllowed ? "a number with its source" : "a positive number with its source");
        }
        JsonField value = f.get("value");
        try {
            f.object();
        } catch (ProfileFormatException e) {
            // The common mistake: a bare number or word where {"value", "provenance", "source"} belongs.
            throw f.fail((zeroAllowed ? "a number" : "a positive number")
                    + " as {\"value\": …, \"provenance\": …, \"source\": …}");
        }
        double v = zeroAllowed ? value.nonNegative() : value.positive();
        Provenance provenance = f.get("provenance").oneOf(Provenance::fromId, words(Provenance.values(), Provenance::id));
        return new Figure(v, provenance, f.get("source").text());
    }

    private static <T> String words(T[] values, java.util.function.Function<T, String> name) {
        return Arrays.stream(values).map(name).map(s -> "\"" + s + "\"").collect(Collectors.joining(", "));
    }
}
