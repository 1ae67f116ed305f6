package dev.netloom.app.cli;

import dev.netloom.app.export.AccuracyMark;
import dev.netloom.app.export.ExportReport;
import dev.netloom.app.export.ModelExport;
import dev.netloom.app.export.QuantizedFineTune;
import dev.netloom.app.workspace.Workspace;
import dev.netloom.devices.DeviceCatalog;
import dev.netloom.devices.DeviceProfile;
import dev.netloom.export.ExportException;
import dev.netloom.export.ExportRequest;
import dev.netloom.export.ExportResult;
import dev.netloom.export.bundle.SigningKey;
import dev.netloom.export.plan.Sensitivity;
import dev.netloom.graph.Precision;
import dev.netloom.graph.Units;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;

/**
 * {@code netloom export ARTIFACT --device ID --precision P --out DIR}: writes a verified, signed
 * bundle for a device. The FP32 export must reproduce the trained model on its probe within 1e-4
 * or nothing is written; quantized bundles record their test accuracy and the drop against FP32.
 * {@code --precision auto} chooses a precision per layer: the smallest model within
 * {@code --max-drop} points, or without it the most accurate one that fits the device.
 */
@Command(name = "export", description = "Export a trained model as a verified bundle for a device.",
        mixinStandardHelpOptions = true, sortOptions = false)
final class ExportCommand implements Callable<Integer> {

    @ParentCommand
    NetloomCommand netloom;

    @Parameters(index = "0", paramLabel = "ARTIFACT", description = "A model folder written by netloom train.")
    Path artifact;

    @Option(names = {"-d", "--device"}, required = true, paramLabel = "ID", description = "A device id from 'netloom profiles'.")
    String device;

    @Option(names = {"-p", "--precision"}, defaultValue = "fp32", paramLabel = "P",
            description = "fp32, fp16, int8 (dynamic), int8-static (calibrated activations), int4, int2, int1 or auto "
                    + "(default: ${DEFAULT-VALUE}).")
    String precision;

    @Option(names = "--calibration", paramLabel = "METHOD", defaultValue = "percentile",
            description = "With int8-static (or auto for a device that wants static INT8: microcontrollers, NPUs): how activation ranges are chosen from the calibration examples: minmax, "
                    + "percentile (99.99% of values) or entropy (the clipping with the least KL divergence, as TensorRT "
                    + "calibrates; default: ${DEFAULT-VALUE}).")
    String calibration;

    @Option(names = "--max-drop", paramLabel = "POINTS",
            description = "With auto: the largest test-accuracy drop allowed, in percentage points.")
    Double maxDrop;

    @Option(names = "--fine-tune-epochs", paramLabel = "N", defaultValue = "0",
            description = "With auto: when the chosen plan loses more test accuracy than --max-drop (1 point without it) "
                    + "and the model's data can be read, train the model N more epochs for that plan (quantization-aware "
                    + "training from its own weights, as 'netloom train --start-from MODEL --quantize PLAN') and export the "
                    + "fine-tuned model beside the first bundle, as DIR-fine-tuned (default: ${DEFAULT-VALUE}, off: it "
                    + "takes minutes to hours).")
    int fineTuneEpochs;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "DIR", description = "The bundle folder to write (and DIR.zip).")
    Path out;

    @Option(names = "--replace", description = "Replace a bundle already at DIR.")
    boolean replace;

    @Option(names = {"-t", "--threads"}, paramLabel = "N", description = "Threads (default: the device's usual number).")
    int threads;

    @Option(names = "--model-version", paramLabel = "V", defaultValue = "1", description = "The version written in the manifest (default: ${DEFAULT-VALUE}).")
    String version;

    @Option(names = "--signing-key-dir", paramLabel = "DIR", description = "Where the Ed25519 signing key lives (default: the Netloom home's keys folder, ~/.netloom/keys; made on first use).")
    Path keyDir;

    @Option(names = "--devices-dir", paramLabel = "DIR", description = "User profile directory (default: ~/.netloom/devices).")
    Path devicesDir;

    @Override
    public Integer call() {
        DeviceCatalog catalog = DeviceCatalogs.load(devicesDir, netloom.services, netloom.err);
        DeviceProfile profile = DeviceCatalogs.find(catalog, device, "export", netloom.err).orElse(null);
        if (profile == null) {
            return ExitCode.USAGE;
        }
        if (!ExportRequest.PRECISIONS.contains(precision.toLowerCase(Locale.ROOT))) {
            netloom.err.println("netloom export: unknown precision '" + precision + "'; use one of "
                    + String.join(", ", ExportRequest.PRECISIONS));
            return ExitCode.USAGE;
        }
        java.util.Optional<dev.netloom.export.calibrate.Calibration> method =
                dev.netloom.export.calibrate.Calibration.parse(calibration);
        if (method.isEmpty()) {
            netloom.err.println("netloom export: unknown calibration '" + calibration + "'; use one of "
                    + dev.netloom.export.calibrate.Calibration.words());
            return ExitCode.USAGE;
        }
        if (maxDrop != null && !precision.equalsIgnoreCase("auto")) {
            netloom.err.println("netloom export: --max-drop goes with --precision auto");
            return ExitCode.USAGE;
        }
        if (fineTuneEpochs != 0 && !precision.equalsIgnoreCase("auto")) {
            netloom.err.println("netloom export: --fine-tune-epochs goes with --precision auto");
            return ExitCode.USAGE;
        }
        if (fineTuneEpochs < 0) {
            netloom.err.println("netloom export: --fine-tune-epochs must be 0 (off) or more, got " + fineTuneEpochs);
            return ExitCode.USAGE;
        }
        if (maxDrop != null && !(maxDrop >= 0)) {
            netloom.err.println("netloom export: --max-drop must be 0 or more points, got " + maxDrop);
            return ExitCode.USAGE;
        }
        try {
            SigningKey key = SigningKey.inDirectory(keyDir != null ? keyDir : netloom.services.home().resolve("keys"));
            ExportRequest request = new ExportRequest(profile, precision,
                    maxDrop == null ? OptionalDouble.empty() : OptionalDouble.of(maxDrop), threads, version, out, replace);
            ModelExport exporter = new ModelExport(netloom.services.projectFile(), key).calibrateWith(method.get());
            java.util.function.Consumer<String> progress = line -> {
                netloom.out.println(line);
                netloom.out.flush();
            };
            ExportResult result = exporter.export(artifact, request, progress);
            double threshold = maxDrop != null ? maxDrop : AccuracyMark.DEFAULT_THRESHOLD_POINTS;
            netloom.out.print(report(profile, result, threshold));
            record(request, result);
            if (fineTuneEpochs > 0) {
                fineTune(exporter, request, result, threshold, progress);
            }
            return ExitCode.OK;
        } catch (ExportException e) {
            netloom.err.println("netloom export: " + e.getMessage());
            return ExitCode.INVALID;
        } catch (IOException e) {
            netloom.err.println("netloom export: cannot read or create the signing key: " + e.getMessage());
            return ExitCode.INVALID;
        }
    }

    /**
     * {@code --fine-tune-epochs}: when the bundle auto wrote loses more than the threshold, a short
     * quantization-aware fine-tune for its plan, and auto again on the fine-tuned model, into
     * {@code DIR-fine-tuned}; the first bundle stays, so the two can be compared.
     */
    private void fineTune(ModelExport exporter, ExportRequest request, ExportResult first, double threshold,
                          java.util.function.Consumer<String> progress) {
        if (Double.isNaN(first.accuracy())) {
            netloom.out.println("Fine-tune: not done: the model's data could not be read, so there is nothing to train on");
            return;
        }
        if (first.dropPoints() <= threshold + 1e-9) {
            netloom.out.println(String.format(Locale.ROOT, "Fine-tune: not needed: the drop, %.2f points, is within %.2f",
                    first.dropPoints(), threshold));
            return;
        }
        Path tunedModel = out.resolveSibling(out.getFileName() + "-fine-tuned-model");
        Path tunedBundle = out.resolveSibling(out.getFileName() + "-fine-tuned");
        dev.netloom.export.Artifact read = new dev.netloom.export.ArtifactReader(netloom.services.projectFile()).read(artifact);
        Path model = QuantizedFineTune.run(netloom.services.projectFile(), read, first.plan(), fineTuneEpochs, tunedModel,
                progress);
        ExportRequest again = new ExportRequest(request.device(), request.precision(), request.maxDropPoints(),
                request.threads(), request.version(), tunedBundle, request.replace());
        ExportResult second = exporter.export(model, again, progress);
        netloom.out.print(report(request.device(), second, threshold));
        // Against the original model's FP32 accuracy: the fine-tuned model's own FP32 export is not the reference.
        AccuracyMark mark = AccuracyMark.of(second.accuracy(), first.fp32Accuracy(), threshold);
        netloom.out.println(String.format(Locale.ROOT, "Fine-tune: %d epoch%s of quantization-aware training: test accuracy "
                        + "%.2f%% (%.2f bits per weight) against %.2f%% (%.2f bits per weight) before and %.2f%% at FP32: %s; "
                        + "model %s, bundle %s (the first bundle is kept at %s)", fineTuneEpochs,
                fineTuneEpochs == 1 ? "" : "s", second.accuracy() * 100, second.model().bitsPerWeight(),
                first.accuracy() * 100, first.model().bitsPerWeight(), first.fp32Accuracy() * 100, mark.sentence(), model,
                tunedBundle, out));
        try (Workspace workspace = netloom.openWorkspace("export")) {
            ModelExport.record(workspace.runs(), model, again, second);
        } catch (java.sql.SQLException | IllegalStateException e) {
            netloom.err.println("netloom export: note: the fine-tuned bundle was not recorded in the workspace: " + e.getMessage());
        }
    }

    /** Notes the bundle in the workspace; a workspace that cannot be written costs a note, not the bundle. */
    private void record(ExportRequest request, ExportResult result) {
        try (Workspace workspace = netloom.openWorkspace("export")) {
            ModelExport.record(workspace.runs(), artifact, request, result);
        } catch (java.sql.SQLException | IllegalStateException e) {
            netloom.err.println("netloom export: note: the bundle was not recorded in the workspace: " + e.getMessage());
        }
    }

    private static String report(DeviceProfile device, ExportResult r, double keepThresholdPoints) {
        AccuracyMark mark = ExportReport.mark(r, keepThresholdPoints);
        StringBuilder s = new StringBuilder("\n");
        r.sensitivity().ifPresent(table -> s.append(sensitivity(table)).append('\n'));
        if (r.planned().isPresent()) {
            TextTable plan = new TextTable("LAYER", "PRECISION");
            r.model().precisionPerLayer().forEach((node, p) -> plan.add(node, p.displayName()));
            s.append("Precision per layer:\n").append(plan.render()).append('\n');
        }
        s.append(String.format(Locale.ROOT, "Bundle:      %s (%s)  and  %s%n", r.bundle().dir(),
                Units.bytes(r.bundle().manifest().sizes().bundleBytes() == null ? 0 : r.bundle().manifest().sizes().bundleBytes()),
                r.bundle().zip()));
        s.append(String.format(Locale.ROOT, "Model:       model.onnx %s, weights %s, %.2f bits per weight (scales and packing included)%n",
                Units.bytes(r.model().bytes().length), Units.bytes(r.model().weightBytes()), r.model().bitsPerWeight()));
        s.append(String.format(Locale.ROOT, "Parity:      FP32 (or trained-for precision) export vs trained model: largest difference %.2g on %d probe examples (limit 1e-4) %s%n",
                r.fp32Parity().maxAbsDiff(), r.fp32Parity().probeRows(),
                r.fp32Parity().passed() ? "PASSED" : "FAILED"));
        if (r.parity() != r.fp32Parity()) {
            s.append(String.format(Locale.ROOT, "             this bundle vs trained model: largest difference %.3g, same top class for %.0f%% of probe examples%n",
                    r.parity().maxAbsDiff(), r.parity().top1Agreement() * 100));
        }
        if (Double.isNaN(r.accuracy())) {
            s.append("Accuracy:    not measured (the model's data could not be read)\n");
        } else {
            s.append(String.format(Locale.ROOT, "Accuracy:    %.2f%% on the test split (FP32 %.2f%%, drop %.2f points)%n",
                    r.accuracy() * 100, r.fp32Accuracy() * 100, r.dropPoints()));
        }
        // Fitting the device and keeping the accuracy are two marks: a bundle that fits but lost its accuracy says so.
        s.append("Keeps accuracy: ").append(mark.sentence()).append('\n');
        s.append(String.format(Locale.ROOT, "On %s: estimated %.1f ms per example at %d threads, peak RAM %s of %s, storage %s of %s: %s%n",
                device.name(), r.estimate().latencyMs(), r.estimate().threads(), Units.bytes(r.estimate().peakMemoryBytes()),
                Units.bytes(device.modelRamBytes()), Units.bytes(r.estimate().storageBytes()), Units.bytes(device.modelStorageBytes()),
                !r.estimate().fits() ? "DOES NOT FIT" : mark.loses() ? "FITS, BUT LOSES ACCURACY" : "FITS"));
        r.estimate().reasons().forEach(reason -> s.append("             ").append(reason).append('\n'));
        s.append(String.format(Locale.ROOT, "This computer: %.3f ms per example measured in ONNX Runtime (median of %d runs)%n",
                r.thisComputer().medianMs(), r.thisComputer().runs()));
        s.append("Check it any time with: netloom verify ").append(r.bundle().dir()).append('\n');
        return s.toString();
    }

    private static String sensitivity(Sensitivity table) {
        List<Precision> precisions = table.layers().isEmpty() ? List.of()
                : List.copyOf(table.layers().get(0).dropPoints().keySet());
        String[] header = new String[precisions.size() + 2];
        header[0] = "LAYER";
        header[1] = ">WEIGHTS";
        for (int i = 0; i < precisions.size(); i++) {
            header[i + 2] = ">" + precisions.get(i).displayName() + " DROP";
        }
        TextTable t = new TextTable(header);
        for (Sensitivity.Layer l : table.layers()) {
            String[] row = new String[header.length];
            row[0] = l.nodeId();
            row[1] = Units.exact(l.weights());
            int i = 2;
            for (Map.Entry<Precision, Double> e : l.dropPoints().entrySet()) {
                row[i++] = String.format(Locale.ROOT, "%+.2f", e.getValue());
            }
            t.add(row);
        }
        return String.format(Locale.ROOT, "Sensitivity (accuracy drop in points when only that layer is lowered; %s split, %d examples, FP32 %.2f%%):%n",
                table.split(), table.examples(), table.baseline() * 100) + t.render() + "\n";
    }
}
