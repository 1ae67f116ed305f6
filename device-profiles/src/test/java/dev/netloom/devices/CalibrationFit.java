package dev.netloom.devices;

import dev.netloom.graph.Precision;
import dev.netloom.graph.analysis.GraphAnalysis;

/**
 * Fits a profile's efficiency to one published latency, by bisection (the estimate falls as the
 * efficiency rises). The calibration test uses it to show that the fitted values written in the
 * profile files are what the fit gives, so nobody has to take them on trust.
 */
final class CalibrationFit {

    private CalibrationFit() {
    }

    /** The device with its compute unit's efficiency and parallel efficiency replaced. */
    static DeviceProfile with(DeviceProfile d, double efficiency, double parallelEfficiency) {
        ComputeUnit c = d.compute();
        ComputeUnit fitted = new ComputeUnit(c.description(), c.cores(), c.clockGHz(), c.peakPerCore(),
                Figure.derived(efficiency, "fit"), Figure.derived(parallelEfficiency, "fit"));
        return new DeviceProfile(d.id(), d.name(), d.group(), d.summary(), d.calibrated(), fitted, d.memory(),
                d.accelerators(), d.runtimes(), d.precisions(), d.exampleFamily(), d.defaultThreads(), d.calibration(),
                d.origin());
    }

    static double latency(GraphAnalysis a, DeviceProfile d, Precision p, int threads) {
        return new Estimator().estimate(a, d, PrecisionPlan.uniform(p), threads).latencyMs();
    }

    /** The efficiency at which the estimate at {@code threads} equals {@code targetMs}. */
    static double efficiency(GraphAnalysis a, DeviceProfile d, Precision p, double parallelEfficiency, int threads,
                             double targetMs) {
        double lo = 1e-4;
        double hi = 20;
        for (int i = 0; i < 100; i++) {
            double mid = Math.sqrt(lo * hi);
            if (latency(a, with(d, mid, parallelEfficiency), p, threads) > targetMs) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return Math.sqrt(lo * hi);
    }

    /**
     * The parallel efficiency at which, with the efficiency fitted at {@code manyThreads}, the
     * 1-thread estimate equals {@code oneThreadMs}.
     */
    static double parallelEfficiency(GraphAnalysis a, DeviceProfile d, Precision p, int manyThreads, double manyMs,
                                     double oneThreadMs) {
        double lo = 0;
        double hi = 1;
        for (int i = 0; i < 60; i++) {
            double mid = (lo + hi) / 2;
            double e = efficiency(a, d, p, mid, manyThreads, manyMs);
            if (latency(a, with(d, e, mid), p, 1) < oneThreadMs) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }
}
