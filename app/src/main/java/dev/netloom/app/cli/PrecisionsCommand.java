package dev.netloom.app.cli;

import dev.netloom.app.export.AccuracyMark;
import dev.netloom.app.export.PrecisionAccuracy;
import dev.netloom.app.export.PrecisionFit;
import dev.netloom.devices.DeviceCatalog;
import dev.netloom.devices.DeviceProfile;
import dev.netloom.export.Artifact;
import dev.netloom.export.ArtifactReader;
import dev.netloom.export.ExportException;
import dev.netloom.graph.Precision;
import dev.netloom.graph.Units;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code netloom precisions ARTIFACT --device ID [--accuracy]}: the export view's table on the
 * command line. One row per precision the device takes: storage and RAM against the device's
 * budgets, the estimated latency, whether it fits, and with {@code --accuracy} the test accuracy
 * after quantization measured in ONNX Runtime. The same {@link PrecisionFit} and
 * {@link PrecisionAccuracy} the view uses.
 */
@Command(name = "precisions", description = "For a trained model and a device: size, RAM, latency, fit and (with "
        + "--accuracy) accuracy at every precision the device takes.", mixinStandardHelpOptions = true,
        sortOptions = false)
final class PrecisionsCommand implements Callable<Integer> {

    @ParentCommand
    NetloomCommand netloom;

    @Parameters(index = "0", paramLabel = "ARTIFACT", description = "A model folder written by netloom train.")
    Path artifact;

    @Option(names = {"-d", "--device"}, required = true, paramLabel = "ID", description = "A device id from 'netloom profiles'.")
    String device;

    @Option(names = "--accuracy", description = "Also export each precision and measure its test accuracy in ONNX Runtime.")
    boolean accuracy;

    @Option(names = "--max-drop", paramLabel = "POINTS", defaultValue = "1.0",
            description = "With --accuracy: the largest drop against FP32, in points, that still keeps the accuracy "
                    + "(default: ${DEFAULT-VALUE}).")
    double maxDrop;

    @Option(names = "--devices-dir", paramLabel = "DIR", description = "User profile directory (default: ~/.netloom/devices).")
    Path devicesDir;

    @Override
    public Integer call() {
        DeviceCatalog catalog = DeviceCatalogs.load(devicesDir, netloom.services, netloom.err);
        DeviceProfile profile = DeviceCatalogs.find(catalog, device, "precisions", netloom.err).orElse(null);
        if (profile == null) {
            return ExitCode.USAGE;
        }
        if (!(maxDrop >= 0)) {
            netloom.err.println("netloom precisions: --max-drop must be 0 or more points, got " + maxDrop);
            return ExitCode.USAGE;
        }
        try {
            Artifact a = new ArtifactReader(netloom.services.projectFile()).read(artifact);
            List<PrecisionFit> rows = PrecisionFit.of(a.analysis(), profile, 0);
            if (accuracy) {
                Map<String, Double> measured = PrecisionAccuracy.measure(a, profile,
                        rows.stream().map(PrecisionFit::word).toList(), line -> { });
                rows = rows.stream().map(r -> r.withAccuracy(measured.getOrDefault(r.word(), Double.NaN))).toList();
            }
            TextTable table = new TextTable("PRECISION", ">SIZE", ">STORAGE BUDGET", ">PEAK RAM", ">RAM BUDGET",
                    ">LATENCY MS", ">ACCURACY", ">DROP", "FITS", "KEEPS ACCURACY");
            for (PrecisionFit r : rows) {
                AccuracyMark mark = AccuracyMark.of(r, rows, maxDrop);
                table.add(r.displayName(), Units.bytes(r.estimate().storageBytes()),
                        Units.bytes(r.storageBudget()), Units.bytes(r.estimate().peakMemoryBytes()), Units.bytes(r.ramBudget()),
                        String.format(Locale.ROOT, "%.3f", r.estimate().latencyMs()),
                        Double.isNaN(r.accuracy()) ? "-" : String.format(Locale.ROOT, "%.2f%%", r.accuracy() * 100),
                        r.isFp32() || Double.isNaN(mark.dropPoints()) ? "-" : String.format(Locale.ROOT, "%.2f", mark.dropPoints()),
                        r.fits() ? "yes" : "NO", mark.word());
            }
            netloom.out.println(a.name() + " on " + profile.name() + ", " + rows.get(0).estimate().threads() + " threads"
                    + (accuracy ? " (accuracy on the test split, in ONNX Runtime)" : ""));
            netloom.out.print(table.render());
            netloom.out.println(String.format(Locale.ROOT, "FITS: storage and RAM within the device's budgets (estimated). "
                    + "KEEPS ACCURACY: at most %.2f points below FP32 on the test split%s.", maxDrop,
                    accuracy ? "" : "; not checked without --accuracy"));
            return ExitCode.OK;
        } catch (ExportException e) {
            netloom.err.println("netloom precisions: " + e.getMessage());
            return ExitCode.INVALID;
        }
    }
}
