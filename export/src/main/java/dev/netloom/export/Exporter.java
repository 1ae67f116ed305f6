package dev.netloom.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.netloom.devices.DeviceEstimate;
import dev.netloom.devices.DeviceProfile;
import dev.netloom.devices.Estimator;
import dev.netloom.devices.PrecisionPlan;
import dev.netloom.export.bundle.Bundle;
import dev.netloom.export.bundle.BundleContents;
import dev.netloom.export.bundle.BundleWriter;
import dev.netloom.export.bundle.Manifest;
import dev.netloom.export.bundle.Runtimes;
import dev.netloom.export.bundle.SigningKey;
import dev.netloom.export.onnx.OnnxModel;
import dev.netloom.export.onnx.OnnxWriter;
import dev.netloom.export.onnx.Provenance;
import dev.netloom.export.plan.PlanEvaluator;
import dev.netloom.export.plan.PlannedPrecision;
import dev.netloom.export.plan.PrecisionPlanner;
import dev.netloom.export.plan.Sensitivity;
import dev.netloom.export.plan.SensitivityAnalysis;
import dev.netloom.export.verify.AccuracyCheck;
import dev.netloom.export.verify.LatencyMeter;
import dev.netloom.export.verify.OnnxSession;
import dev.netloom.export.verify.Parity;
import dev.netloom.export.verify.ProbeCheck;
import dev.netloom.graph.Precision;
import dev.netloom.graph.quantize.QuantizationPlan;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * From a model artifact to a verified, signed bundle for a device (docs/architecture.md, data flow):
 * write FP32 ONNX and check it against the training engine's probe outputs (1e-4, or nothing is
 * written); choose the precision plan (as asked, or automatically from a sensitivity analysis);
 * write the model at that plan, load it in ONNX Runtime, measure its parity and its test accuracy
 * against FP32; estimate it on the device; write the bundle. The CLI and the export view both
 * call {@link #export}.
 */
public final class Exporter {

    /** Validation examples the automatic planner measures each candidate plan on. */
    public static final int PLANNING_EXAMPLES = 5000;

    private final OnnxWriter writer;
    private final Estimator estimator;
    private final SigningKey key;
    private final String netloomVersion;
    private final Clock clock;
    private dev.netloom.export.calibrate.Calibration calibration = dev.netloom.export.calibrate.Calibration.PERCENTILE;

    public Exporter(OnnxWriter writer, Estimator estimator, SigningKey key, String netloomVersion, Clock clock) {
        this.writer = writer;
        this.estimator = estimator;
        this.key = key;
        this.netloomVersion = netloomVersion;
        this.clock = clock;
    }

    /** How static INT8 ({@code --precision int8-static}) chooses activation ranges; percentile unless set. */
    public Exporter calibrateWith(dev.netloom.export.calibrate.Calibration method) {
        this.calibration = java.util.Objects.requireNonNull(method, "method");
        return this;
    }

    /**
     * Exports an artifact.
     *
     * @param examples labelled examples to measure accuracy on; empty when the artifact's data
     *        cannot be read (then accuracy is recorded as not measured, and auto is refused)
     * @param progress one line per step, for a person watching
     */
    public ExportResult export(Artifact artifact, ExportRequest request, Supplier<Optional<ExampleSets>> examples,
                               Consumer<String> progress) {
        DeviceProfile device = request.device();
        if (!device.calibrated()) {
            progress.accept("note: " + device.name() + " is not calibrated yet; its latency estimate uses placeholders "
                    + "(run 'netloom profiles --calibrate')");
        }
        ExportOptions options = optionsFor(device);
        int threads = request.effectiveThreads();
        if (!request.auto()) {
            Precision p = requested(request);
            if (!device.precisions().contains(p)) {
                throw new ExportException(device.id() + " does not take " + p.displayName() + " weights; it takes "
                        + String.join(", ", device.precisionsInOrder().stream().map(Precision::displayName).toList()));
            }
        }

        Optional<QuantizationPlan> trainedFor = TrainedPrecision.of(artifact);
        if (trainedFor.isPresent()) {
            options = options.withBlockSize(trainedFor.get().rule().blockSize());
        }
        progress.accept("Writing FP32 ONNX (opset " + options.opset() + ") and checking it against the trained model");
        PrecisionPlan fp32 = PrecisionPlan.uniform(Precision.FP32);
        OnnxModel fp32Model = writer.write(artifact, fp32, options);
        Parity fp32Parity = trainedFor.isPresent()
                ? TrainedPrecision.check(writer, artifact, trainedFor.get(), options, threads, progress)
                : fp32Parity(fp32Model, artifact, threads);
        if (trainedFor.isEmpty()) {
            progress.accept(String.format(Locale.ROOT, "  parity: largest difference %.2g on %d probe examples (limit %.0e)",
                    fp32Parity.maxAbsDiff(), fp32Parity.probeRows(), ProbeCheck.FP32_TOLERANCE));
        }

        Optional<ExampleSets> data = examples.get();
        Optional<PlannedPrecision> planned = Optional.empty();
        Optional<Sensitivity> sensitivity = Optional.empty();
        PrecisionPlan plan;
        PlanEvaluator evaluator = null;
        if (request.auto()) {
            ExampleSets sets = data.orElseThrow(() -> new ExportException("--precision auto measures accuracy, but the "
                    + "model's data cannot be read; choose a precision, or make the data available"));
            List<Precision> allowed = device.precisionsInOrder();
            evaluator = new PlanEvaluator(artifact, sets.validation().head(PLANNING_EXAMPLES), writer,
                    options, threads);
            progress.accept("Measuring each layer's sensitivity on " + evaluator.examples().size()
                    + " validation examples (" + String.join(", ", allowed.stream().map(Precision::displayName).toList())
                    + ")");
            Sensitivity s = SensitivityAnalysis.run(evaluator, allowed);
            sensitivity = Optional.of(s);
            PrecisionPlanner planner = new PrecisionPlanner(evaluator, s, allowed);
            if (request.maxDropPoints().isEmpty()) {
                progress.accept("auto without --max-drop: choosing the most accurate plan that fits " + device.name()
                        + " (give --max-drop POINTS for the smallest model within that accuracy drop)");
            }
            PlannedPrecision chosen = request.maxDropPoints().isPresent()
                    ? planner.smallestWithin(request.maxDropPoints().getAsDouble())
                    : planner.mostAccurateThatFits(p -> estimator.estimate(artifact.analysis(), device, p, threads).fits());
            chosen.steps().forEach(step -> progress.accept("  " + step));
            if (!chosen.satisfied()) {
                progress.accept(request.maxDropPoints().isPresent()
                        ? "  no plan keeps the drop within " + request.maxDropPoints().getAsDouble() + " points; using the "
                        + "closest (FP32 where needed)" : "  no plan fits the device; using the smallest");
            }
            planned = Optional.of(chosen);
            plan = chosen.plan();
            if (request.maxDropPoints().isEmpty() && plan.equals(fp32)) {
                progress.accept("  chose FP32 for every layer: the FP32 model already fits " + device.name()
                        + ", so nothing was quantized");
            }
        } else {
            plan = PrecisionPlan.uniform(requested(request));
        }

        OnnxModel written;
        if (request.staticInt8()) {
            ExampleSets sets = data.orElseThrow(() -> new ExportException("--precision int8-static calibrates activation "
                    + "ranges on the model's data, which cannot be read; choose int8 (dynamic), or make the data available"));
            progress.accept(String.format(Locale.ROOT, "Calibrating activation ranges (%s) on %d validation examples",
                    calibration.word(), Math.min(dev.netloom.export.calibrate.StaticInt8.EXAMPLES, sets.validation().size())));
            written = dev.netloom.export.calibrate.StaticInt8.write(writer, artifact, plan, options, sets.validation(),
                    calibration, threads);
        } else if (evaluator != null && dev.netloom.export.calibrate.StaticInt8.wantedBy(device)
                && dev.netloom.export.calibrate.StaticInt8.hasInt8(plan)) {
            written = autoStatic(artifact, plan, options, data.get(), evaluator, request, device, threads, progress);
        } else {
            written = plan.equals(fp32) ? fp32Model : writer.write(artifact, plan, options);
        }
        OnnxModel model = written.withMetadata(Provenance.of(artifact, written, netloomVersion).metadata());
        progress.accept(String.format(Locale.ROOT, "Verifying the %s model in ONNX Runtime (%.2f bits per weight)",
                request.precision().toUpperCase(Locale.ROOT), model.bitsPerWeight()));
        Parity parity;
        double fp32Accuracy = Double.NaN;
        double accuracy = Double.NaN;
        LatencyMeter.Latency latency;
        String head = artifact.headIds().get(0);
        try (OnnxSession session = OnnxSession.open(model.bytes(), threads)) {
            parity = written == fp32Model ? fp32Parity : ProbeCheck.run(session, artifact, Double.NaN);
            if (data.isPresent()) {
                accuracy = AccuracyCheck.accuracy(session, data.get().test(), head, model.quantizesActivations());
                if (written == fp32Model) {
                    fp32Accuracy = accuracy;
                } else {
                    try (OnnxSession reference = OnnxSession.open(fp32Model.bytes(), threads)) {
                        fp32Accuracy = AccuracyCheck.accuracy(reference, data.get().test(), head);
                    }
                }
                progress.accept(String.format(Locale.ROOT, "  test accuracy %.2f%% (FP32 %.2f%%, drop %.2f points) on %,d "
                        + "examples", accuracy * 100, fp32Accuracy * 100, (fp32Accuracy - accuracy) * 100,
                        data.get().test().size()));
            }
            latency = LatencyMeter.measure(session, LatencyMeter.firstRow(probeInputs(artifact)), 5, 200, 1500);
        }
        DeviceEstimate estimate = estimator.estimate(artifact.analysis(), device, plan, threads);

        BundleContents contents = contents(artifact, request, options, model, plan, fp32Parity, parity, data,
                fp32Accuracy, accuracy, estimate, threads);
        Bundle bundle;
        try {
            bundle = new BundleWriter().write(contents, request.out(), key, request.replace());
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw new ExportException(request.out() + ": already holds a bundle; choose another folder or replace it");
        } catch (IOException e) {
            throw new ExportException(request.out() + ": could not write the bundle: " + e.getMessage(), e);
        }
        progress.accept("Bundle written to " + bundle.dir() + " and " + bundle.zip());
        return new ExportResult(bundle, model, plan, fp32Parity, parity, fp32Accuracy, accuracy, estimate, latency,
                planned, sensitivity);
    }

    /**
     * Auto for a device that wants static INT8: the plan's INT8 layers calibrated and written
     * static, kept when the validation drop stays within the largest drop asked (or always, for
     * "the most accurate that fits", which has no drop to keep); otherwise the plan as measured.
     */
    private OnnxModel autoStatic(Artifact artifact, PrecisionPlan plan, ExportOptions options, ExampleSets sets,
                                 PlanEvaluator evaluator, ExportRequest request, DeviceProfile device, int threads,
                                 Consumer<String> progress) {
        progress.accept(String.format(Locale.ROOT, "  %s wants static INT8 (integer-only toolchains and NPUs need "
                + "calibrated activations): calibrating the plan's INT8 layers (%s) on %d validation examples",
                device.name(), calibration.word(), Math.min(dev.netloom.export.calibrate.StaticInt8.EXAMPLES,
                        sets.validation().size())));
        OnnxModel calibrated = dev.netloom.export.calibrate.StaticInt8.write(writer, artifact, plan, options,
                sets.validation(), calibration, threads);
        double fp32 = evaluator.accuracy(PrecisionPlan.uniform(Precision.FP32));
        double drop = (fp32 - evaluator.accuracy(calibrated)) * 100;
        if (request.maxDropPoints().isPresent() && drop > request.maxDropPoints().getAsDouble() + 1e-9) {
            progress.accept(String.format(Locale.ROOT, "  static INT8 drops %.2f points on validation, more than %.2f: "
                    + "its INT8 layers stay as planned (activations not calibrated)", drop,
                    request.maxDropPoints().getAsDouble()));
            return writer.write(artifact, plan, options);
        }
        progress.accept(String.format(Locale.ROOT, "  static INT8 kept: validation drop %.2f points", drop));
        return calibrated;
    }

    /** The FP32 export's parity with the trained model's probe: within 1e-4, or nothing is written. */
    private static Parity fp32Parity(OnnxModel fp32Model, Artifact artifact, int threads) {
        Parity parity;
        try (OnnxSession session = OnnxSession.open(fp32Model.bytes(), threads)) {
            parity = ProbeCheck.run(session, artifact, ProbeCheck.FP32_TOLERANCE);
        }
        if (!parity.passed()) {
            throw new ExportException(String.format(Locale.ROOT, "the FP32 export does not reproduce the trained model: "
                    + "largest difference on the probe %.3g > %.0e; no bundle was written (please report this)",
                    parity.maxAbsDiff(), ProbeCheck.FP32_TOLERANCE));
        }
        return parity;
    }

    /** Opset from the device's runtime; INT4 as MatMulNBits only where ONNX Runtime runs the file itself. */
    public static ExportOptions optionsFor(DeviceProfile device) {
        boolean onnxRuntime = device.preferredRuntime().runsOnnxDirectly()
                && device.preferredRuntime().name().toLowerCase(Locale.ROOT).contains("onnx runtime");
        ExportOptions options = ExportOptions.defaults().withOpset(device.onnxOpset() >= 21 ? 21 : 17);
        return onnxRuntime ? options : options.withInt4(ExportOptions.Int4Layout.DEQUANTIZE_LINEAR)
                .withInt8(ExportOptions.Int8Mode.WEIGHT_ONLY);
    }

    /** The precision a request's word asks for; static INT8 stores INT8 weights. */
    private static Precision requested(ExportRequest request) {
        return request.staticInt8() ? Precision.INT8 : precision(request.precision());
    }

    /** A precision word (fp32 ... int1) as a Precision. */
    public static Precision precision(String word) {
        return Precision.parse(word).orElseThrow(() -> new IllegalArgumentException("not a precision: " + word));
    }

    private static java.util.Map<String, dev.netloom.graph.artifact.Tensor> probeInputs(Artifact artifact) {
        java.util.Map<String, dev.netloom.graph.artifact.Tensor> inputs = new java.util.LinkedHashMap<>();
        artifact.inputIds().forEach(id -> inputs.put(id, artifact.probe().get("input." + id)));
        return inputs;
    }

    private BundleContents contents(Artifact artifact, ExportRequest request, ExportOptions options, OnnxModel model,
                                    PrecisionPlan plan, Parity fp32Parity, Parity parity, Optional<ExampleSets> data,
                                    double fp32Accuracy, double accuracy, DeviceEstimate estimate, int threads) {
        DeviceProfile device = request.device();
        Manifest.Model about = new Manifest.Model(artifact.name(), request.version(), artifact.dir().toString(),
                artifact.graphSha256(), clock.instant(), netloomVersion);
        Manifest.Device target = new Manifest.Device(device.id(), device.name(), device.group().id(),
                device.preferredRuntime().name(), options.opset());
        Manifest.Runtime runtime = new Manifest.Runtime(Runtimes.OLDEST_SUPPORTED, OnnxSession.runtimeName(),
                Runtimes.conformanceTested(), java.util.Map.of(), outputTolerance(model));
        Manifest.PrecisionPlan precision = new Manifest.PrecisionPlan(request.precision(), model.precisionPerLayer(),
                model.bitsPerWeight());
        List<Manifest.TensorSpec> inputs = new ArrayList<>();
        for (OnnxModel.Port port : model.inputs()) {
            inputs.add(new Manifest.TensorSpec(port.name(), port.name(), shape(port), port.elementType().equals("int64")
                    ? Manifest.ElementType.INT64 : Manifest.ElementType.FLOAT32, preprocessing(artifact, port.name())));
        }
        List<Manifest.TensorSpec> outputs = new ArrayList<>();
        for (OnnxModel.Port port : model.outputs()) {
            ObjectNode meaning = JsonNodeFactory.instance.objectNode();
            meaning.put("kind", "logits");
            boolean perPosition = artifact.analysis().report(port.name())
                    .map(r -> r.spec().layerType().equals(dev.netloom.graph.catalog.LayerType.PER_POSITION_CLASSIFICATION))
                    .orElse(false);
            meaning.put("note", perPosition
                    ? "one score per label in labels.txt at every position (a feature map's are [N, labels, H, W]); "
                            + "the highest score at a pixel is its class, a mask"
                    : "one score per label in labels.txt; softmax turns them into probabilities");
            outputs.add(new Manifest.TensorSpec(port.name(), port.name(), shape(port), Manifest.ElementType.FLOAT32,
                    meaning));
        }
        Manifest.Estimate cost = new Manifest.Estimate(estimate.latencyMs(), estimate.peakMemoryBytes(),
                estimate.storageBytes(), threads, estimate.fits());
        Manifest.Parity check = new Manifest.Parity(fp32Parity.probeRows(), fp32Parity.maxAbsDiff(),
                ProbeCheck.FP32_TOLERANCE, fp32Parity.passed());
        Manifest.Accuracy measured;
        if (data.isEmpty() || Double.isNaN(accuracy)) {
            measured = Manifest.Accuracy.notMeasured("the model's data could not be read, so accuracy after export "
                    + "was not measured");
        } else {
            Manifest.Accuracy m = Manifest.Accuracy.measured("test", data.get().test().size(), fp32Accuracy, accuracy);
            String note = parity == fp32Parity ? "FP32 in ONNX Runtime; parity with the trained model checked on the probe"
                    : String.format(Locale.ROOT, "quantized: on the probe, largest difference from the trained model %.3g, "
                    + "same top class for %.0f%% of examples; the FP32 export matched within %.0e", parity.maxAbsDiff(),
                    parity.top1Agreement() * 100, ProbeCheck.FP32_TOLERANCE);
            measured = new Manifest.Accuracy(m.split(), m.examples(), m.fp32Accuracy(), m.accuracy(), m.dropPoints(), note);
        }
        return new BundleContents(model.bytes(), about, target, runtime, precision, inputs, outputs, artifact.labels(),
                artifact.vocabulary(), model.weightBytes(), cost, check, measured,
                device.exampleFamily());
    }

    /** Other runtimes agree within 1e-4 of the output scale (6e-8 measured), or 1% where activations are quantized per call. */
    static double outputTolerance(OnnxModel model) {
        return model.quantizesActivations() ? 1e-2 : 1e-4;
    }

    private static List<Long> shape(OnnxModel.Port port) {
        List<Long> shape = new ArrayList<>();
        for (long d : port.shape()) {
            shape.add(d < 0 ? Manifest.TensorSpec.BATCH : d);
        }
        return shape;
    }

    /** The input's preprocessing as the training engine recorded it (preprocess.json, fields by input node). */
    private static JsonNode preprocessing(Artifact artifact, String inputId) {
        for (JsonNode in : artifact.preprocess().path("inputs")) {
            if (in.path("node").asText().equals(inputId)) {
                JsonNode field = artifact.preprocess().path("fields").path(in.path("field").asText());
                if (field.isObject()) {
                    return completed((ObjectNode) field.deepCopy());
                }
            }
        }
        return JsonNodeFactory.instance.objectNode();
    }

    /**
     * The rules an artifact trained before they were recorded left implicit, named as
     * docs/bundle-format.md names them (the training engine applied the same ones then), so every
     * manifest says everything its examples need.
     */
    private static ObjectNode completed(ObjectNode pre) {
        switch (pre.path("kind").asText("")) {
            case "image" -> {
                if (!pre.has("resize")) {
                    pre.put("resize", "bilinear");
                }
                if (!pre.has("colour")) {
                    pre.put("colour", pre.path("channels").asInt(3) == 1 ? "bt601" : "rgb");
                }
                if (!pre.has("alpha")) {
                    pre.put("alpha", "over-black");
                }
                if (!pre.has("layout")) {
                    pre.put("layout", "nchw");
                }
            }
            case "tokens" -> {
                if (!pre.has("padId")) {
                    pre.put("padId", 0);
                }
                if (!pre.has("unknownId")) {
                    pre.put("unknownId", 1);
                }
            }
            default -> {
            }
        }
        return pre;
    }
}
