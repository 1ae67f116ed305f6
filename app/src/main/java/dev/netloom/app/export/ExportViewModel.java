package dev.netloom.app.export;

import dev.netloom.app.workspace.RunLog;
import dev.netloom.devices.DeviceCatalog;
import dev.netloom.devices.DeviceProfile;
import dev.netloom.export.Artifact;
import dev.netloom.export.ArtifactReader;
import dev.netloom.export.ExportException;
import dev.netloom.export.ExportRequest;
import dev.netloom.export.ExportResult;
import dev.netloom.export.bundle.SignerCheck;
import dev.netloom.export.bundle.SigningKey;
import dev.netloom.export.bundle.TrustedKeys;
import dev.netloom.graph.Precision;
import dev.netloom.graph.project.ProjectFile;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyListProperty;
import javafx.beans.property.ReadOnlyListWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The Export view's state, without a window. Life of an export: choose a model (a finished run
 * of the project, or a folder), which is read off the FX thread; choose a device, and one
 * {@link PrecisionFit} row per precision it takes appears at once (the estimator); optionally
 * measure each precision's accuracy (export's {@link dev.netloom.export.plan.PlanEvaluator}
 * through {@link PrecisionAccuracy}, off the FX thread); then export at one precision, or auto
 * within a largest drop, through {@link ModelExport} exactly as {@code netloom export} does, and
 * record the bundle in the workspace. Every change of state happens on the FX thread; a failure
 * is one line in {@link #errorProperty()}.
 */
public final class ExportViewModel {

    private final ProjectFile files;
    private final RunLog runs;
    private final Supplier<Optional<Path>> project;
    private final Path keys;
    private final Executor io;
    private final Executor fx;
    private final List<DeviceChoice> devices;
    private final ReadOnlyListWrapper<ModelChoice> models = new ReadOnlyListWrapper<>(this, "models",
            FXCollections.observableArrayList());
    private final ReadOnlyObjectWrapper<ModelChoice> model = new ReadOnlyObjectWrapper<>(this, "model");
    private final ReadOnlyObjectWrapper<DeviceProfile> device = new ReadOnlyObjectWrapper<>(this, "device");
    private final ReadOnlyListWrapper<PrecisionFit> rows = new ReadOnlyListWrapper<>(this, "rows",
            FXCollections.observableArrayList());
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyObjectWrapper<ExportReport> report = new ReadOnlyObjectWrapper<>(this, "report");
    private final ExpertsCardModel experts;
    private final AccuracyMeasure measure;
    private Artifact artifact;

    /** How the accuracy of each precision is measured: {@link PrecisionAccuracy#measure} in the studio. */
    @FunctionalInterface
    public interface AccuracyMeasure {
        /**
         * @param progress one line per precision measured
         * @param words the rows' words ({@link PrecisionFit#word()})
         * @return test accuracy (share) per word
         */
        Map<String, Double> measure(Artifact artifact, DeviceProfile device, List<String> words,
                                    java.util.function.Consumer<String> progress);
    }

    /**
     * @param files reads the artifact's graph
     * @param runs the workspace's runs, where models are found and bundles recorded
     * @param project the open project's file, if it has one (its runs are offered)
     * @param catalog the devices
     * @param keys the folder of the signing key (the home's {@code keys})
     * @param io where models are read, measured and exported
     * @param fx the FX thread's executor
     */
    public ExportViewModel(ProjectFile files, RunLog runs, Supplier<Optional<Path>> project, DeviceCatalog catalog,
                           Path keys, Executor io, Executor fx) {
        this(files, runs, project, catalog, keys, io, fx, PrecisionAccuracy::measure);
    }

    /**
     * As above, with the way accuracy is measured passed in (the studio measures in ONNX Runtime
     * through {@link PrecisionAccuracy}; a test can hand over known figures).
     *
     * @param measure test accuracy per precision of a model on a device
     */
    public ExportViewModel(ProjectFile files, RunLog runs, Supplier<Optional<Path>> project, DeviceCatalog catalog,
                           Path keys, Executor io, Executor fx, AccuracyMeasure measure) {
        this.measure = measure;
        this.files = files;
        this.runs = runs;
        this.project = project;
        this.keys = keys;
        this.io = io;
        this.fx = fx;
        this.devices = DeviceChoice.of(catalog);
        this.experts = new ExpertsCardModel(files, io, fx, ExpertsKept.with(files));
    }

    /** The largest drop against FP32, in points, that still "keeps accuracy" in the precision rows. */
    public double keepThresholdPoints() {
        return AccuracyMark.DEFAULT_THRESHOLD_POINTS;
    }

    /** The devices, grouped, as the picker lists them. */
    public List<DeviceChoice> devices() {
        return devices;
    }

    /** The project's finished runs with a model, newest first, plus any folder chosen by hand. */
    public ReadOnlyListProperty<ModelChoice> modelsProperty() {
        return models.getReadOnlyProperty();
    }

    /** The model being exported; null before one is chosen. */
    public ReadOnlyObjectProperty<ModelChoice> modelProperty() {
        return model.getReadOnlyProperty();
    }

    /** The device; null before one is chosen. */
    public ReadOnlyObjectProperty<DeviceProfile> deviceProperty() {
        return device.getReadOnlyProperty();
    }

    /** One row per precision the device takes, FP32 first; empty until a model and a device are chosen. */
    public ReadOnlyListProperty<PrecisionFit> rowsProperty() {
        return rows.getReadOnlyProperty();
    }

    /** The experts card's state: shown for a model with Mixture-of-Experts layers. */
    public ExpertsCardModel experts() {
        return experts;
    }

    /** True while a model is read, measured or exported. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** What is going on, in words; the last progress line of an export. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The last failure, one line; "" when none. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** The last bundle written; null before one. */
    public ReadOnlyObjectProperty<ExportReport> reportProperty() {
        return report.getReadOnlyProperty();
    }

    /** Lists the project's models again (after a run finishes, or when the view is shown). */
    public CompletableFuture<List<ModelChoice>> refreshModels() {
        // A quick query that may run beside an export: it leaves busy, status and error alone.
        Optional<Path> file = project.get();
        return CompletableFuture.supplyAsync(() -> ModelChoice.ofProject(runs, file), io)
                .thenApplyAsync(found -> {
                    List<ModelChoice> all = new ArrayList<>(found);
                    // Folders chosen by hand stay on the list.
                    models.stream().filter(m -> all.stream().noneMatch(f -> f.artifact().equals(m.artifact()))).forEach(all::add);
                    models.setAll(all);
                    return all;
                }, fx);
    }

    /** Reads a model (off the FX thread) and makes it the one to export. */
    public CompletableFuture<ModelChoice> chooseModel(ModelChoice choice) {
        return work("Reading " + choice.artifact().getFileName() + "…", () -> new ArtifactReader(files).read(choice.artifact()))
                .thenApplyAsync(read -> {
                    if (!models.contains(choice)) {
                        models.add(choice);
                    }
                    artifact = read;
                    model.set(choice);
                    experts.show(choice.artifact());
                    report.set(null);
                    estimate();
                    return choice;
                }, fx);
    }

    /** Chooses the device; the precision rows follow at once. */
    public void chooseDevice(DeviceProfile profile) {
        device.set(profile);
        report.set(null);
        estimate();
    }

    /** Chooses a device by id ("raspberry-pi-5"). */
    public void chooseDevice(String id) {
        devices.stream().filter(d -> !d.heading() && d.device().id().equals(id)).findFirst()
                .ifPresentOrElse(d -> chooseDevice(d.device()), () -> error.set("no device " + id + " in the catalog"));
    }

    private void estimate() {
        if (artifact == null || device.get() == null) {
            rows.clear();
            return;
        }
        rows.setAll(PrecisionFit.of(artifact.analysis(), device.get(), 0));
    }

    /** Measures every row's accuracy after quantization on the test split, in ONNX Runtime (off the FX thread). */
    public CompletableFuture<Map<String, Double>> measureAccuracy() {
        Artifact a = artifact;
        DeviceProfile d = device.get();
        if (a == null || d == null) {
            return refused("Choose a model and a device first.");
        }
        List<String> words = rows.stream().map(PrecisionFit::word).toList();
        return work("Measuring accuracy…", () -> measure.measure(a, d, words, this::progress))
                .thenApplyAsync(measured -> {
                    if (a == artifact && d == device.get()) {
                        rows.setAll(rows.stream().map(r -> r.withAccuracy(measured.getOrDefault(r.word(), Double.NaN)))
                                .toList());
                    }
                    return measured;
                }, fx);
    }

    /**
     * Exports the model for the device, verified and signed, and records the bundle in the workspace.
     *
     * @param precision fp32 ... int1, or auto
     * @param maxDrop with auto: the largest accuracy drop in points; empty for "the most accurate that fits"
     */
    public CompletableFuture<ExportReport> export(String precision, OptionalDouble maxDrop) {
        Artifact a = artifact;
        DeviceProfile d = device.get();
        if (a == null || d == null) {
            return refused("Choose a model and a device first.");
        }
        String word = precision.toLowerCase(Locale.ROOT);
        Path out = bundleFolder(a.dir(), d.id(), word);
        return work("Exporting " + word.toUpperCase(Locale.ROOT) + " for " + d.name() + "…", () -> {
            ExportRequest request = new ExportRequest(d, word, word.equals("auto") ? maxDrop : OptionalDouble.empty(), 0,
                    "1", out, false);
            SigningKey key;
            try {
                key = SigningKey.inDirectory(keys);
            } catch (IOException e) {
                throw new ExportException("cannot read or create the signing key in " + keys + ": " + e.getMessage(), e);
            }
            ExportResult result = new ModelExport(files, key).export(a.dir(), request, this::progress);
            ModelExport.record(runs, a.dir(), request, result);
            // Who signed it, as 'netloom verify' will judge it: the written zip against the trusted keys.
            TrustedKeys trust = new TrustedKeys(keys.resolveSibling(TrustedKeys.FOLDER), Optional.of(key.publicKey()));
            double keep = word.equals("auto") && maxDrop.isPresent() ? maxDrop.getAsDouble() : keepThresholdPoints();
            return ExportReport.of(d, result, keep).withLine("Signed by", SignerCheck.of(result.bundle().zip(), trust).signerLine());
        }).thenApplyAsync(r -> {
            report.set(r);
            status.set("Bundle written and verified.");
            return r;
        }, fx);
    }

    /** Where a bundle goes: beside the model, named after it, the device and the precision; never over an older one. */
    static Path bundleFolder(Path artifact, String deviceId, String precision) {
        Path base = artifact.toAbsolutePath().normalize();
        String stem = base.getFileName() + "-" + deviceId + "-" + precision;
        Path candidate = base.resolveSibling(stem);
        for (int n = 2; Files.exists(candidate) || Files.exists(candidate.resolveSibling(candidate.getFileName() + ".zip")); n++) {
            candidate = base.resolveSibling(stem + "-" + n);
        }
        return candidate;
    }

    private void progress(String line) {
        fx.execute(() -> status.set(line.strip()));
    }

    /** Shows why an action cannot run, as the one error line. */
    public void refuse(String reason) {
        error.set(reason);
    }

    private <T> CompletableFuture<T> refused(String reason) {
        error.set(reason);
        return CompletableFuture.failedFuture(new IllegalStateException(reason));
    }

    /** Runs a step on io with busy, status and error kept on the FX thread. */
    private <T> CompletableFuture<T> work(String what, Supplier<T> step) {
        busy.set(true);
        status.set(what);
        error.set("");
        CompletableFuture<T> done = new CompletableFuture<>();
        CompletableFuture.supplyAsync(step, io).whenCompleteAsync((value, failure) -> {
            busy.set(false);
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                error.set(cause instanceof ExportException || cause instanceof IllegalArgumentException
                        ? cause.getMessage() : String.valueOf(cause));
                status.set("");
                done.completeExceptionally(cause);
            } else {
                status.set("");
                done.complete(value);
            }
        }, fx);
        return done;
    }
}
