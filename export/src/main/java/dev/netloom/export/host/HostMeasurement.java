package dev.netloom.export.host;

import java.time.LocalDate;

/**
 * What the host calibration measured: medians of a few runs in ONNX Runtime.
 *
 * @param date the day it was measured
 * @param cpu the CPU model (from {@code /proc/cpuinfo}, or the OS architecture)
 * @param cores logical processors the JVM sees
 * @param threads the intra-op threads of the multi-threaded runs
 * @param fp32GflopsOneThread FP32 MatMul throughput with one thread
 * @param fp32GflopsThreads FP32 MatMul throughput with {@code threads} threads
 * @param int8GopsOneThread INT8 MatMulInteger throughput with one thread (0 if it could not run)
 * @param bandwidthGBps bytes an element-wise Add moved per second, with {@code threads} threads
 * @param perOperatorUs microseconds per operator of a chain of tiny operators
 * @param runtimeVersion the ONNX Runtime version used
 */
public record HostMeasurement(LocalDate date, String cpu, int cores, int threads, double fp32GflopsOneThread,
                              double fp32GflopsThreads, double int8GopsOneThread, double bandwidthGBps,
                              double perOperatorUs, String runtimeVersion) {

    /** What each extra thread adds, as a fraction of one core, from the two MatMul runs; 0 to 1. */
    public double parallelEfficiency() {
        if (threads <= 1 || fp32GflopsOneThread <= 0) {
            return 1;
        }
        double speedup = fp32GflopsThreads / fp32GflopsOneThread;
        return Math.max(0, Math.min(1, (speedup - 1) / (threads - 1)));
    }
}
