package dev.netloom.app.export;

import dev.netloom.devices.DeviceEstimate;
import dev.netloom.devices.DeviceProfile;
import dev.netloom.devices.Estimator;
import dev.netloom.devices.PrecisionPlan;
import dev.netloom.export.ExportRequest;
import dev.netloom.graph.Precision;
import dev.netloom.graph.analysis.GraphAnalysis;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether a model fits a device at one precision: the estimator's storage, RAM and latency
 * against the device's budgets, and the accuracy measured after quantization once someone asks.
 *
 * @param precision the precision every layer would take
 * @param estimate the device estimate at that precision
 * @param storageBudget the device's storage budget for a model, bytes
 * @param ramBudget the device's RAM budget for a model, bytes
 * @param accuracy test accuracy after quantization (share), NaN until measured
 * @param staticInt8 for INT8: activations calibrated (static INT8, {@code int8-static}) rather than
 *        quantized at run time; the same weights, so the same estimate (the estimator sees one INT8)
 */
public record PrecisionFit(Precision precision, DeviceEstimate estimate, long storageBudget, long ramBudget,
                           double accuracy, boolean staticInt8) {

    public PrecisionFit {
        if (staticInt8 && precision != Precision.INT8) {
            throw new IllegalArgumentException("static INT8 is a way of running INT8, not of " + precision.displayName());
        }
    }

    /** A row of plain precision (not static INT8). */
    public PrecisionFit(Precision precision, DeviceEstimate estimate, long storageBudget, long ramBudget, double accuracy) {
        this(precision, estimate, storageBudget, ramBudget, accuracy, false);
    }

    /** Storage used as a share of the budget (above 1 when it does not fit). */
    public double storageShare() {
        return share(estimate.storageBytes(), storageBudget);
    }

    /** RAM used as a share of the budget (above 1 when it does not fit). */
    public double ramShare() {
        return share(estimate.peakMemoryBytes(), ramBudget);
    }

    public boolean fits() {
        return estimate.fits();
    }

    /** True for the FP32 row, the one the others' accuracy is compared with. */
    public boolean isFp32() {
        return precision == Precision.FP32;
    }

    /** The row's word, as {@code netloom export --precision} takes it: {@code fp32} ... {@code int1}, {@code int8-static}. */
    public String word() {
        return staticInt8 ? ExportRequest.INT8_STATIC : precision.key();
    }

    /** The row's name: the precision's, or "INT8 static". */
    public String displayName() {
        return staticInt8 ? "INT8 static" : precision.displayName();
    }

    /** The same row with its measured accuracy. */
    public PrecisionFit withAccuracy(double measured) {
        return new PrecisionFit(precision, estimate, storageBudget, ramBudget, measured, staticInt8);
    }

    /**
     * One row per precision the device takes, FP32 first, and static INT8 after INT8 (calibrated
     * activations, what microcontroller and NPU toolchains want): the estimator alone, so instant.
     *
     * @param threads threads to assume; 0 for the device's usual number
     */
    public static List<PrecisionFit> of(GraphAnalysis analysis, DeviceProfile device, int threads) {
        Estimator estimator = new Estimator();
        int t = threads > 0 ? threads : Math.max(1, device.defaultThreads());
        List<PrecisionFit> rows = new ArrayList<>();
        for (Precision p : device.precisionsInOrder()) {
            PrecisionFit row = new PrecisionFit(p, estimator.estimate(analysis, device, PrecisionPlan.uniform(p), t),
                    device.modelStorageBytes(), device.modelRamBytes(), Double.NaN, false);
            rows.add(row);
            if (p == Precision.INT8) {
                rows.add(new PrecisionFit(p, row.estimate(), row.storageBudget(), row.ramBudget(), Double.NaN, true));
            }
        }
        return List.copyOf(rows);
    }

    private static double share(long used, long budget) {
        return budget <= 0 ? 0 : (double) used / budget;
    }
}
