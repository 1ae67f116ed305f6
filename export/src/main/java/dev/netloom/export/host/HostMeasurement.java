package dev.netloom.export.host;

import java.time.LocalDate;

/**
 * What the host calibration measured: the fastest of a few runs of each model in ONNX Runtime.
 *
 * @param date the day it was measured
 * @param cpu the CPU model (from {@code /proc/cpuinfo}, or the OS architecture)
 * @param cores logical processors the JVM sees
 * @param threads the threads predictions will use (the profile's default)
 * @param fp32GflopsOneThread FP32 MatMul throughput with one thread
 * @param fp32GflopsThreads FP32 MatMul throughput with {@code scalingThreads} threads
 * @param int8GopsOneThread INT8 MatMulInteger throughput with one thread (0 if it could not run)
 * @param bandwidthGBps bytes an element-wise Add moved per second, with {@code threads} threads
 * @param perOperatorUs microseconds per operator of a chain of tiny operators
 * @param runtimeVersion the ONNX Runtime version used
 * @param fp32MatVecGflops FP32 matrix-vector product (one row times a 1024² weight) throughput, 1 thread
 * @param int8MatVecGops the same through the exporter's dynamic INT8 linear layer (0 if it could not run)
 * @param lastLevelCacheBytes the largest CPU cache the kernel reports (0 when unknown)
 * @param perPredictionUs microseconds of one prediction of a one-operator model through the
 *     studio's ONNX Runtime session (inputs in, outputs out), minus that operator
 * @param scalingThreads the threads of the run thread scaling is measured with
 * @param spread the largest ratio of a figure's median run to its fastest: 1 on a quiet computer
 */
public record HostMeasurement(LocalDate date, String cpu, int cores, int threads, double fp32GflopsOneThread,
                              double fp32GflopsThreads, double int8GopsOneThread, double bandwidthGBps,
                              double perOperatorUs, String runtimeVersion, double fp32MatVecGflops,
                              double int8MatVecGops, long lastLevelCacheBytes, double perPredictionUs,
                              int scalingThreads, double spread) {

    /** Above this spread the computer was busy enough to say so: medians 25% slower than the fastest runs. */
    public static final double BUSY_SPREAD = 1.25;

    /** Without the matrix-vector and cache figures (older callers and tests). */
    public HostMeasurement(LocalDate date, String cpu, int cores, int threads, double fp32GflopsOneThread,
                           double fp32GflopsThreads, double int8GopsOneThread, double bandwidthGBps,
                           double perOperatorUs, String runtimeVersion) {
        this(date, cpu, cores, threads, fp32GflopsOneThread, fp32GflopsThreads, int8GopsOneThread, bandwidthGBps,
                perOperatorUs, runtimeVersion, 0, 0, 0, 0, threads, 1);
    }

    /** Whether other work disturbed the runs enough that the figures deserve a second calibration. */
    public boolean looksBusy() {
        return spread > BUSY_SPREAD;
    }

    /** One line for a person when the computer looked busy, else empty. */
    public java.util.Optional<String> busyWarning() {
        return looksBusy() ? java.util.Optional.of(String.format(java.util.Locale.ROOT, "warning: this computer looked busy "
                + "while it was measured (the median run was %.0f%% slower than the fastest); the figures are the fastest "
                + "runs, but calibrate again when it is quiet for steadier ones", (spread - 1) * 100))
                : java.util.Optional.empty();
    }

    /** What each extra thread adds, as a fraction of one core, from the two MatMul runs; 0 to 1. */
    public double parallelEfficiency() {
        if (scalingThreads <= 1 || fp32GflopsOneThread <= 0) {
            return 1;
        }
        double speedup = fp32GflopsThreads / fp32GflopsOneThread;
        return Math.max(0, Math.min(1, (speedup - 1) / (scalingThreads - 1)));
    }
}
