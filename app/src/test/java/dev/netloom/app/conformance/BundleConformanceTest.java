package dev.netloom.app.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.netloom.app.StudioServices;
import dev.netloom.app.TestHome;
import dev.netloom.app.cli.NetloomCommand;
import dev.netloom.export.verify.OnnxSession;
import dev.netloom.graph.artifact.Tensor;
import dev.netloom.train.Evaluation;
import dev.netloom.train.artifact.ModelArtifact;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The bundles' own examples are the verification (issue 12). For each input kind — pictures in a
 * folder, a text CSV, a table with number and category columns, picture + text, and pictures read by a
 * tiny MobileNetV3-like model ({@link MobileConformanceData}) — a small model is
 * trained on generated data and exported at FP32, INT8, static INT8, INT4 and an automatic plan, for a
 * Raspberry Pi 5 (ONNX Runtime layouts) and for the browser. Each bundle's own examples then score
 * a separate held-out set, unchanged: {@code run_model.mjs} with onnxruntime-node at the newest and
 * the oldest supported version, and {@code index.html} in headless Chromium with onnxruntime-web
 * served from this machine. The examples of FP32 bundles must score within {@value #ACCURACY_POINTS}
 * points of the training engine's own evaluation of the trained model on the same data (what
 * {@code netloom eval} computes); those of quantized bundles within as much of the same bundle in
 * ONNX Runtime for Java (quantization may cost accuracy by design; the manifest records how much).
 * Every output must be within the manifest's {@code runtime.outputTolerance} of ONNX Runtime for
 * Java running the same bundle on the training engine's own preprocessing.
 *
 * <p>Runs when {@code NETLOOM_CONFORMANCE=1} (as {@code .ci/run} sets it); then missing Node.js,
 * npm packages or Chromium fail the test. Without it the test is skipped, saying why. The table of
 * every run is written to {@code target/conformance/runtimes.txt} ({@code bench/runtimes.sh}
 * prints it).
 */
class BundleConformanceTest {

    /** The largest accuracy difference allowed between an example and the training engine's evaluation. */
    static final double ACCURACY_POINTS = 0.5;
    private static final String JAVA_VERSION = OnnxSession.runtimeName().replaceAll(".* ", "");

    private static final List<String> PRECISIONS = List.of("fp32", "int8", "int8-static", "int4", "auto");
    private static final List<String> DEVICES = List.of("raspberry-pi-5", "browser-wasm");
    private static final List<String> TABLE = Collections.synchronizedList(new ArrayList<>());

    @TempDir
    static Path dir;

    @BeforeAll
    static void required() {
        boolean on = "1".equals(System.getenv("NETLOOM_CONFORMANCE"));
        Assumptions.assumeTrue(on, "the bundle conformance suite runs with NETLOOM_CONFORMANCE=1 (as .ci/run sets it): "
                + "it needs node, Chromium and conformance/node_modules");
        String missing = ExampleRunner.missing();
        if (missing != null) {
            fail("NETLOOM_CONFORMANCE=1 but " + missing);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"image", "tokens", "table", "image+text", "mobile"})
    void everyExampleMatchesTheTrainedModel(String kindName) throws Exception {
        Path root = Files.createDirectories(dir.resolve(kindName.replace('+', '-')));
        ConformanceData.Kind kind = switch (kindName) {
            case "image" -> ConformanceData.image(root.resolve("data"));
            case "tokens" -> ConformanceData.text(root.resolve("data"));
            case "table" -> ConformanceData.table(root.resolve("data"));
            case "mobile" -> MobileConformanceData.mobile(root.resolve("data"));
            default -> ConformanceData.imageText(root.resolve("data"));
        };
        Path project = Files.writeString(root.resolve("model.netloom"), ConformanceData.project(kind));
        Path artifact = root.resolve("model");
        cli("train", project.toString(), "--out", artifact.toString());

        SoftAssertions soft = new SoftAssertions();
        try (ModelArtifact.Loaded model = ModelArtifact.load(artifact, StudioServices.standard(TestHome.PATH).projectFile())) {
            ReferenceInputs reference = ReferenceInputs.read(model, kind.heldOut());
            assertThat(reference.size()).isGreaterThanOrEqualTo(80);
            // netloom eval on the held-out data, in-process through the command line's own code.
            double eval = evalAll(artifact, kind.heldOutData());
            // The reference inputs are the ones netloom eval reads: the engine scores them alike.
            double engine = Evaluation.of(model.model(), reference.examples(model.preprocess()), model.classes(),
                    Math.min(5, model.classes().size()), 0, 256).accuracy();
            assertThat(Math.abs(engine - eval) * 100).as(kindName + ": the engine on the suite's reference inputs "
                    + "(%.2f%%) against netloom eval --all (%.2f%%)", engine * 100, eval * 100).isLessThanOrEqualTo(0.01);
            assertThat(eval).as(kindName + ": the trained model on held-out data").isGreaterThan(0.8);
            float[] fp32 = null;
            for (String device : DEVICES) {
                for (String precision : PRECISIONS) {
                    Path bundle = root.resolve(device + "-" + precision);
                    export(artifact, device, precision, bundle);
                    JsonNode manifest = new ObjectMapper().readTree(bundle.resolve("manifest.json").toFile());
                    double tolerance = tolerance(manifest);
                    float[] java = javaOutputs(bundle, reference, model.preprocess());
                    if (fp32 == null) {
                        fp32 = java; // the first bundle is FP32
                    }
                    int classes = model.classes().size();
                    String where = kindName + " " + device + " " + precision;
                    double javaAccuracy = accuracy(java, classes, reference.labels());
                    TABLE.add(row(kindName, device, precision, "onnxruntime (Java)", JAVA_VERSION, javaAccuracy, eval, 0,
                            maxDiff(java, fp32, classes), tolerance));
                    List<ExampleRunner.Run> runs = new ArrayList<>();
                    Path work = Files.createDirectories(root.resolve("runs"));
                    runs.add(ExampleRunner.node(bundle, "ort-node-newest", kind.heldOut(), work));
                    runs.add(ExampleRunner.node(bundle, "ort-node-oldest", kind.heldOut(), work));
                    if (bundle.resolve("index.html").toFile().isFile()) {
                        runs.add(ExampleRunner.page(bundle, kind.heldOut()));
                        if (kindName.equals("table") && precision.equals("fp32")) {
                            // Offline without its ort/ folder: one line saying what is missing, not "ort is not defined".
                            soft.assertThat(ExampleRunner.pageWithoutRuntime(bundle)).as(where + ": the page without runtime")
                                    .isEqualTo("Error: onnxruntime-web " + dev.netloom.export.bundle.Runtimes.WEB
                                            + " is missing: put ort.wasm.min.js, ort-wasm-simd-threaded.wasm, "
                                            + "ort-wasm-simd-threaded.mjs in an ort/ folder next to this page (README.md "
                                            + "says how), or go online so the page can load them from the CDN");
                        }
                    }
                    if (precision.equals("fp32") && bundle.resolve("run_model.py").toFile().isFile()) {
                        pythonPreprocessing(soft, where, bundle, kind.heldOut(), work, reference, model.preprocess());
                    }
                    for (ExampleRunner.Run run : runs) {
                        String who = where + " with " + run.runtime() + " " + run.version();
                        List<ExampleRunner.Line> lines = run.lines();
                        soft.assertThat(lines.stream().filter(l -> l.error() != null).map(l -> l.id() + ": " + l.error()))
                                .as(who + ": examples it could not read").isEmpty();
                        soft.assertThat(lines.stream().map(ExampleRunner.Line::id).toList()).as(who + ": examples")
                                .isEqualTo(reference.ids());
                        if (lines.size() != reference.size()) {
                            continue;
                        }
                        float[] outputs = new float[reference.size() * classes];
                        for (int e = 0; e < lines.size(); e++) {
                            double[] o = lines.get(e).outputs();
                            for (int c = 0; c < classes && c < o.length; c++) {
                                outputs[e * classes + c] = (float) o[c];
                            }
                        }
                        double acc = accuracy(outputs, classes, reference.labels());
                        double diff = maxDiff(outputs, java, classes);
                        TABLE.add(row(kindName, device, precision, run.runtime(), run.version(), acc, eval, diff,
                                maxDiff(outputs, fp32, classes), tolerance));
                        // FP32 bundles are the trained model: their examples must score what netloom eval scores.
                        // A quantized bundle may lose accuracy by design (recorded in its manifest): its examples
                        // must score what the same bundle scores in the exporter's runtime.
                        double expected = precision.equals("fp32") ? eval : javaAccuracy;
                        soft.assertThat(Math.abs(acc - expected) * 100).as(who + ": accuracy %.2f%% against %.2f%% (%s)",
                                acc * 100, expected * 100, precision.equals("fp32") ? "netloom eval"
                                        : "the bundle in ONNX Runtime for Java").isLessThanOrEqualTo(ACCURACY_POINTS);
                        if (precision.equals("fp32")) {
                            soft.assertThat(Math.abs(javaAccuracy - eval) * 100).as(where + ": ONNX Runtime for Java "
                                    + "against netloom eval").isLessThanOrEqualTo(ACCURACY_POINTS);
                        }
                        soft.assertThat(diff).as(who + ": largest output difference from ONNX Runtime for Java on the "
                                + "same bundle, relative to max(1, |largest output|) (tolerance %.3g)", tolerance)
                                .isLessThanOrEqualTo(tolerance);
                    }
                }
            }
        }
        soft.assertAll();
    }

    /**
     * run_model.py cannot run here (no ONNX Runtime for Debian's Python): under a stand-in that
     * records its tensors, its preprocessing must give the training engine's inputs exactly.
     */
    private static void pythonPreprocessing(SoftAssertions soft, String where, Path bundle, Path data, Path work,
                                            ReferenceInputs reference, JsonNode preprocess) throws Exception {
        List<Map<String, double[]>> feeds = ExampleRunner.pythonFeeds(bundle, data, work);
        soft.assertThat(feeds).as(where + ": run_model.py (stand-in) examples").hasSize(reference.size());
        if (feeds.size() != reference.size()) {
            return;
        }
        Map<String, Tensor> expected = reference.onnxInputs(preprocess);
        double worst = 0;
        for (Map.Entry<String, Tensor> input : expected.entrySet()) {
            Tensor t = input.getValue();
            int per = t.size() / reference.size();
            for (int e = 0; e < feeds.size(); e++) {
                double[] got = feeds.get(e).get(input.getKey());
                if (got == null || got.length != per) {
                    worst = Double.POSITIVE_INFINITY;
                    continue;
                }
                for (int i = 0; i < per; i++) {
                    double want = t.floats() != null ? t.floats()[e * per + i] : t.longs()[e * per + i];
                    worst = Math.max(worst, Math.abs(got[i] - want));
                }
            }
        }
        TABLE.add(String.format(Locale.ROOT, "%-11s %-15s %-5s %-40s %-8s %9s %9s %11.3g %11s %10s", where.split(" ")[0],
                where.split(" ")[1], "fp32", "run_model.py under a stand-in (no model)", "-", "-", "-", worst, "-", "0"));
        soft.assertThat(worst).as(where + ": run_model.py's tensors (stand-in for onnxruntime) against the training "
                + "engine's").isEqualTo(0.0);
    }

    @AfterAll
    static void writeTable() throws IOException {
        if (TABLE.isEmpty()) {
            return;
        }
        Path out = Path.of("target", "conformance", "runtimes.txt");
        Files.createDirectories(out.getParent());
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "%-11s %-15s %-5s %-40s %-8s %9s %9s %11s %11s %10s", "KIND", "DEVICE",
                "PREC", "RUNTIME", "VERSION", "ACCURACY", "EVAL", "MAX Δ JAVA", "MAX Δ FP32", "TOLERANCE"));
        lines.add("(EVAL: the trained model in the training engine, as netloom eval scores it; MAX Δ: largest output "
                + "difference from ONNX Runtime for Java on the same bundle / on the FP32 bundle, relative to "
                + "max(1, largest |output|) per example; TOLERANCE: the manifest's runtime.outputTolerance)");
        synchronized (TABLE) {
            lines.addAll(TABLE);
        }
        Files.write(out, lines);
        System.out.println(String.join("\n", lines));
    }

    private static String row(String kind, String device, String precision, String runtime, String version,
                              double accuracy, double eval, double diffJava, double diffFp32, double tolerance) {
        return String.format(Locale.ROOT, "%-11s %-15s %-5s %-40s %-8s %8.2f%% %8.2f%% %11.3g %11.3g %10.3g", kind, device,
                precision, runtime.length() > 40 ? runtime.substring(0, 40) : runtime, version, accuracy * 100,
                eval * 100, diffJava, diffFp32, tolerance);
    }

    /** The output tolerance the manifest records (runtime.outputTolerance); every bundle of format 2 has one. */
    static double tolerance(JsonNode manifest) {
        JsonNode t = manifest.path("runtime").path("outputTolerance");
        assertThat(t.isNumber()).as("manifest.json: $.runtime.outputTolerance").isTrue();
        return t.asDouble();
    }

    /**
     * ONNX Runtime for Java, as the exporter verifies bundles, on the training engine's preprocessing,
     * one example at a time as the examples run them: dynamically quantized activations take their
     * scale from the whole batch, so a batch of many gives slightly different outputs.
     */
    private static float[] javaOutputs(Path bundle, ReferenceInputs reference, JsonNode preprocess) throws IOException {
        try (OnnxSession session = OnnxSession.open(Files.readAllBytes(bundle.resolve("model.onnx")), 1)) {
            float[] all = null;
            for (int e = 0; e < reference.size(); e++) {
                float[] one = session.run(reference.onnxInputs(preprocess, e, e + 1)).values().iterator().next().floats();
                if (all == null) {
                    all = new float[one.length * reference.size()];
                }
                System.arraycopy(one, 0, all, e * one.length, one.length);
            }
            return all;
        }
    }

    static double accuracy(float[] outputs, int classes, int[] labels) {
        int right = 0;
        for (int e = 0; e < labels.length; e++) {
            int best = 0;
            for (int c = 1; c < classes; c++) {
                if (outputs[e * classes + c] > outputs[e * classes + best]) {
                    best = c;
                }
            }
            right += best == labels[e] ? 1 : 0;
        }
        return (double) right / labels.length;
    }

    /**
     * The largest difference of an output from the reference's, relative to max(1, largest |output|)
     * of the reference for that example: the measure manifest.runtime.outputTolerance bounds.
     */
    static double maxDiff(float[] a, float[] reference, int classes) {
        if (a.length != reference.length) {
            return Double.POSITIVE_INFINITY;
        }
        double max = 0;
        for (int e = 0; e < reference.length / classes; e++) {
            double scale = 1;
            for (int c = 0; c < classes; c++) {
                scale = Math.max(scale, Math.abs(reference[e * classes + c]));
            }
            for (int c = 0; c < classes; c++) {
                max = Math.max(max, Math.abs((double) a[e * classes + c] - reference[e * classes + c]) / scale);
            }
        }
        return max;
    }

    /** {@code netloom eval ARTIFACT --data SECTION --all}: the accuracy it prints, 0..1. */
    private static double evalAll(Path artifact, String section) {
        String out = cli("eval", artifact.toString(), "--data", section, "--all");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^All: [\\d,]+ examples +accuracy (\\d+\\.\\d+)%")
                .matcher(out);
        assertThat(m.find()).as("netloom eval printed an accuracy:%n%s", out).isTrue();
        return Double.parseDouble(m.group(1)) / 100;
    }

    private static void export(Path artifact, String device, String precision, Path out) {
        List<String> args = new ArrayList<>(List.of("export", artifact.toString(), "--device", device, "--precision",
                precision, "--out", out.toString(), "--signing-key-dir", dir.resolve("keys").toString()));
        if (precision.equals("auto")) {
            args.addAll(List.of("--max-drop", "1"));
        }
        cli(args.toArray(String[]::new));
    }

    private static String cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = NetloomCommand.run(StudioServices.standard(TestHome.PATH), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(out, true, StandardCharsets.UTF_8), args);
        if (code != 0) {
            fail("netloom " + String.join(" ", args) + " exited with " + code + ":\n" + out.toString(StandardCharsets.UTF_8));
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
