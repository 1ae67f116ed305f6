package dev.netloom.app.export;

import dev.netloom.app.Version;
import dev.netloom.app.workspace.RunLog;
import dev.netloom.devices.Estimator;
import dev.netloom.export.Artifact;
import dev.netloom.export.ArtifactReader;
import dev.netloom.export.ExampleSets;
import dev.netloom.export.ExportException;
import dev.netloom.export.ExportRequest;
import dev.netloom.export.ExportResult;
import dev.netloom.export.Exporter;
import dev.netloom.export.bundle.SigningKey;
import dev.netloom.export.onnx.OnnxWriter;
import dev.netloom.graph.project.ProjectFile;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Export as the CLI and the export view run it: read the artifact, bring its data for the accuracy
 * checks, and call the {@link Exporter}. Bundles are signed with the key given (the CLI and the
 * studio use the one in the Netloom home's {@code keys} folder, made on first use).
 */
public final class ModelExport {

    private final ProjectFile files;
    private final SigningKey key;
    private dev.netloom.export.calibrate.Calibration calibration = dev.netloom.export.calibrate.Calibration.PERCENTILE;

    public ModelExport(ProjectFile files, SigningKey key) {
        this.files = files;
        this.key = key;
    }

    /** How static INT8 exports choose activation ranges (percentile unless set). */
    public ModelExport calibrateWith(dev.netloom.export.calibrate.Calibration method) {
        this.calibration = method;
        return this;
    }

    /** Reads the artifact at {@code dir} and exports it; every failure is one {@link ExportException} line. */
    public ExportResult export(Path dir, ExportRequest request, Consumer<String> progress) {
        Artifact artifact = new ArtifactReader(files).read(dir);
        Exporter exporter = new Exporter(new OnnxWriter(Version.current()), new Estimator(), key, Version.current(),
                Clock.systemUTC()).calibrateWith(calibration);
        return exporter.export(artifact, request, () -> examples(artifact, progress), progress);
    }

    /**
     * Records a written bundle in the workspace, under the artifact it came from: what
     * {@code netloom export}, {@code netloom demo} and the export view all do after a bundle is written.
     */
    public static void record(RunLog log, Path artifact, ExportRequest request, ExportResult result) {
        Long bytes = result.bundle().manifest().sizes().bundleBytes();
        log.bundle(artifact, result.bundle().dir(), request.device().id(), request.precision(),
                Double.isNaN(result.accuracy()) ? null : result.accuracy(), bytes == null ? 0 : bytes);
    }

    private static Optional<ExampleSets> examples(Artifact artifact, Consumer<String> progress) {
        try {
            ArtifactExamples data = ArtifactExamples.read(artifact);
            progress.accept("Data: " + data.dataset().name() + ", " + data.dataset().test().size() + " test and "
                    + data.dataset().validation().size() + " validation examples");
            return Optional.of(new ExampleSets(data.validation(), data.test()));
        } catch (ExportException e) {
            progress.accept("note: " + e.getMessage() + "; accuracy after export will not be measured");
            return Optional.empty();
        }
    }
}
