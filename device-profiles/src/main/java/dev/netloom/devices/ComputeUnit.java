package dev.netloom.devices;

import dev.netloom.graph.Precision;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The processor the estimate models: usually the CPU cores the preferred runtime runs on.
 *
 * <p>The thread model, in full: one thread sustains {@code peakPerCore × efficiency}; each
 * further thread, up to {@code cores}, adds {@code parallelEfficiency} of one more core. So
 * {@code t} threads sustain {@code peakPerCore × efficiency × (1 + (min(t, cores) − 1) × parallelEfficiency)}.
 * A parallel efficiency well below 1 is what batch-1 inference of small layers shows on real
 * devices: threads wait on each other at every layer. Memory bandwidth is taken as shared and
 * not scaled by threads.
 *
 * @param description what it is, for people: {@code 4× Cortex-A72 @ 1.8 GHz}
 * @param cores cores the runtime may use
 * @param clockGHz the clock of the cores used
 * @param peakPerCore peak GFLOP/s (floating point) or GOP/s (integer) of one core per precision;
 *     a precision missing here is computed at FP32 (its weights are widened first)
 * @param efficiency the fraction of peak a runtime sustains on convolution and matrix layers
 * @param parallelEfficiency what each extra thread adds, as a fraction of one core
 * @param matrixVectorPerCore optional: sustained GFLOP/s (GOP/s) of one core on a matrix-vector
 *     product (a linear layer at batch 1) per arithmetic precision, already including the
 *     runtime's efficiency; empty for profiles that do not measure it. Such a product streams
 *     every weight for one multiply-add, so it runs far below {@code peakPerCore}.
 * @param kernelEfficiency optional: the efficiency on each kind of kernel ({@link KernelClass}),
 *     fitted to published latencies of several models; a kind missing here uses {@code efficiency}
 */
public record ComputeUnit(String description, int cores, Figure clockGHz, Map<Precision, Figure> peakPerCore,
                          Figure efficiency, Figure parallelEfficiency, Map<Precision, Figure> matrixVectorPerCore,
                          Map<KernelClass, Figure> kernelEfficiency) {

    public ComputeUnit {
        EnumMap<Precision, Figure> ordered = new EnumMap<>(Precision.class);
        ordered.putAll(peakPerCore);
        peakPerCore = java.util.Collections.unmodifiableMap(ordered); // FP32 first when listed
        if (!peakPerCore.containsKey(Precision.FP32)) {
            throw new IllegalArgumentException("a compute unit needs an FP32 peak");
        }
        EnumMap<Precision, Figure> vector = new EnumMap<>(Precision.class);
        vector.putAll(matrixVectorPerCore);
        matrixVectorPerCore = java.util.Collections.unmodifiableMap(vector);
        EnumMap<KernelClass, Figure> kernels = new EnumMap<>(KernelClass.class);
        kernels.putAll(kernelEfficiency);
        kernelEfficiency = java.util.Collections.unmodifiableMap(kernels);
    }

    /** A compute unit with one efficiency for every kind of kernel. */
    public ComputeUnit(String description, int cores, Figure clockGHz, Map<Precision, Figure> peakPerCore,
                       Figure efficiency, Figure parallelEfficiency, Map<Precision, Figure> matrixVectorPerCore) {
        this(description, cores, clockGHz, peakPerCore, efficiency, parallelEfficiency, matrixVectorPerCore, Map.of());
    }

    /** A compute unit without matrix-vector figures (every shipped profile but this computer's). */
    public ComputeUnit(String description, int cores, Figure clockGHz, Map<Precision, Figure> peakPerCore,
                       Figure efficiency, Figure parallelEfficiency) {
        this(description, cores, clockGHz, peakPerCore, efficiency, parallelEfficiency, Map.of());
    }

    /**
     * Sustained operations per second of a matrix-vector product at an arithmetic precision and
     * thread count, when the profile measured it; scaled by threads like {@link #sustainedOpsPerSecond}.
     */
    public Optional<Double> matrixVectorOpsPerSecond(Precision arithmetic, int threads) {
        return Optional.ofNullable(matrixVectorPerCore.get(arithmetic)).map(f -> f.value() * 1e9 * speedup(threads));
    }

    /** The precision arithmetic actually runs at when weights are stored at {@code p}. */
    public Precision computePrecision(Precision p) {
        return peakPerCore.containsKey(p) ? p : Precision.FP32;
    }

    /** The peak of one core at a weight precision (falling back to FP32 arithmetic). */
    public Figure peak(Precision p) {
        return peakPerCore.get(computePrecision(p));
    }

    public Optional<Figure> declaredPeak(Precision p) {
        return Optional.ofNullable(peakPerCore.get(p));
    }

    /** How many cores' worth of work {@code threads} threads do; see the class comment. */
    public double speedup(int threads) {
        int used = Math.max(1, Math.min(threads, cores));
        return 1 + (used - 1) * parallelEfficiency.value();
    }

    /** Sustained operations per second (FLOP/s or OP/s) at a weight precision and thread count. */
    public double sustainedOpsPerSecond(Precision p, int threads) {
        return peak(p).value() * 1e9 * efficiency.value() * speedup(threads);
    }

    /** The efficiency on a kind of kernel: its fitted figure, or the general {@link #efficiency}. */
    public Figure efficiency(KernelClass kernel) {
        return kernelEfficiency.getOrDefault(kernel, efficiency);
    }

    /** Sustained operations per second on a kind of kernel at a weight precision and thread count. */
    public double sustainedOpsPerSecond(Precision p, int threads, KernelClass kernel) {
        return peak(p).value() * 1e9 * efficiency(kernel).value() * speedup(threads);
    }
}
