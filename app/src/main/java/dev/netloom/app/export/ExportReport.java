package dev.netloom.app.export;

import dev.netloom.devices.DeviceProfile;
import dev.netloom.export.ExportResult;
import dev.netloom.graph.Units;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the export view shows of a written bundle, in words: the same facts {@code netloom export}
 * prints (parity, accuracy and drop, sizes, bits per weight, the device estimate, latency here,
 * where the files are).
 *
 * @param lines the report, one fact per line
 * @param parityPassed whether the FP32 export reproduced the trained model
 * @param folder the bundle folder
 * @param zip the bundle's zip
 */
public record ExportReport(List<Line> lines, boolean parityPassed, Path folder, Path zip) {

    /**
     * One fact.
     *
     * @param label what it is ("Parity", "Accuracy", ...)
     * @param value the fact
     */
    public record Line(String label, String value) {
    }

    public ExportReport {
        lines = List.copyOf(lines);
    }

    /** The report of an export to a device, with the accuracy mark at the default one point. */
    public static ExportReport of(DeviceProfile device, ExportResult r) {
        return of(device, r, AccuracyMark.DEFAULT_THRESHOLD_POINTS);
    }

    /**
     * The report of an export to a device.
     *
     * @param keepThresholdPoints the largest drop against FP32 that still keeps the accuracy, in points
     */
    public static ExportReport of(DeviceProfile device, ExportResult r, double keepThresholdPoints) {
        AccuracyMark mark = mark(r, keepThresholdPoints);
        List<Line> lines = new ArrayList<>();
        lines.add(new Line("Parity", String.format(Locale.ROOT, "%s — FP32 export vs trained model: largest difference "
                + "%.2g on %d probe examples (limit 1e-4)", r.fp32Parity().passed() ? "PASSED" : "FAILED",
                r.fp32Parity().maxAbsDiff(), r.fp32Parity().probeRows())));
        if (r.parity() != r.fp32Parity()) {
            lines.add(new Line("This bundle", String.format(Locale.ROOT, "same top class as the trained model for %.0f%% of "
                    + "probe examples (largest difference %.3g)", r.parity().top1Agreement() * 100, r.parity().maxAbsDiff())));
        }
        lines.add(new Line("Accuracy", Double.isNaN(r.accuracy()) ? "not measured (the model's data could not be read)"
                : String.format(Locale.ROOT, "%.2f%% on the test split (FP32 %.2f%%, drop %.2f points)",
                r.accuracy() * 100, r.fp32Accuracy() * 100, r.dropPoints())));
        lines.add(new Line("Keeps accuracy", mark.sentence()));
        Long bundleBytes = r.bundle().manifest().sizes().bundleBytes();
        lines.add(new Line("Size", String.format(Locale.ROOT, "bundle %s, model.onnx %s, weights %s",
                Units.bytes(bundleBytes == null ? 0 : bundleBytes), Units.bytes(r.model().bytes().length),
                Units.bytes(r.model().weightBytes()))));
        lines.add(new Line("Bits per weight", String.format(Locale.ROOT, "%.2f (scales and packing included)",
                r.model().bitsPerWeight())));
        lines.add(new Line("On " + device.name(), String.format(Locale.ROOT, "estimated %.2f ms per example at %d threads%s, "
                        + "peak RAM %s of %s, storage %s of %s — %s", r.estimate().latencyMs(), r.estimate().threads(),
                r.estimate().energy().map(e -> String.format(Locale.ROOT, " and %.3g mJ (%.3g W)", e.millijoules(), e.watts()))
                        .orElse(""),
                Units.bytes(r.estimate().peakMemoryBytes()), Units.bytes(device.modelRamBytes()),
                Units.bytes(r.estimate().storageBytes()), Units.bytes(device.modelStorageBytes()),
                !r.estimate().fits() ? "does not fit" : mark.loses() ? "fits, but loses accuracy" : "fits")));
        lines.add(new Line("This computer", String.format(Locale.ROOT, "%.3f ms per example, measured in ONNX Runtime",
                r.thisComputer().medianMs())));
        lines.add(new Line("Files", r.bundle().dir() + "  and  " + r.bundle().zip().getFileName()));
        return new ExportReport(lines, r.fp32Parity().passed(), r.bundle().dir(), r.bundle().zip());
    }

    /** The accuracy mark of a bundle: FP32 bundles are the reference. */
    public static AccuracyMark mark(ExportResult r, double keepThresholdPoints) {
        boolean fp32 = r.plan().defaultPrecision() == dev.netloom.graph.Precision.FP32
                && r.plan().perNode().values().stream().allMatch(p -> p == dev.netloom.graph.Precision.FP32);
        return fp32 ? new AccuracyMark(AccuracyMark.State.REFERENCE, 0, keepThresholdPoints)
                : AccuracyMark.of(r.accuracy(), r.fp32Accuracy(), keepThresholdPoints);
    }

    /** This report with one more fact, placed before the files line. */
    public ExportReport withLine(String label, String value) {
        List<Line> more = new ArrayList<>(lines);
        int files = more.size();
        for (int i = 0; i < more.size(); i++) {
            if (more.get(i).label().equals("Files")) {
                files = i;
            }
        }
        more.add(files, new Line(label, value));
        return new ExportReport(more, parityPassed, folder, zip);
    }

    /** The line with this label's value, or "". */
    public String value(String label) {
        return lines.stream().filter(l -> l.label().equals(label)).map(Line::value).findFirst().orElse("");
    }
}
