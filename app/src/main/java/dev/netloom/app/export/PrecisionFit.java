package dev.netloom.app.export;

import dev.netloom.devices.DeviceEstimate;
import dev.netloom.devices.DeviceProfile;
import dev.netloom.devices.Estimator;
import dev.netloom.devices.PrecisionPlan;
import dev.netloom.graph.Precision;
import dev.netloom.graph.analysis.GraphAnalysis;

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
 */
public record PrecisionFit(Precision precision, DeviceEstimate estimate, long storageBudget, long ramBudget,
                           double accuracy) {

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

    /** The same row with its measured accuracy. */
    public PrecisionFit withAccuracy(double measured) {
        return new PrecisionFit(precision, estimate, storageBudget, ramBudget, measured);
    }

    /**
     * One row per precision the device takes, FP32 first: the estimator alone, so instant.
     *
     * @param threads threads to assume; 0 for the device's usual number
     */
    public static List<PrecisionFit> of(GraphAnalysis analysis, DeviceProfile device, int threads) {
        Estimator estimator = new Estimator();
        int t = threads > 0 ? threads : Math.max(1, device.defaultThreads());
        return device.precisionsInOrder().stream()
                .map(p -> new PrecisionFit(p, estimator.estimate(analysis, device, PrecisionPlan.uniform(p), t),
                        device.modelStorageBytes(), device.modelRamBytes(), Double.NaN))
                .toList();
    }

    private static double share(long used, long budget) {
        return budget <= 0 ? 0 : (double) used / budget;
    }
}
