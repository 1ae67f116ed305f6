package dev.netloom.train;

import dev.netloom.graph.analysis.GraphAnalysis;

import java.lang.management.ManagementFactory;

/**
 * The memory a training run will need, from model-graph's costs, checked before the first
 * step so that a model too large for this computer is refused with a reason instead of
 * swapping the machine to a halt.
 *
 * <p>Weights are kept four times at FP32 (values, gradients, and two optimiser moments for
 * Adam). Activations are kept once for the backward pass and once more for their gradients, per
 * example in the batch, plus the engine's own working memory.
 *
 * @param bytes the estimate
 * @param available physical memory this computer has free for it
 */
public record MemoryEstimate(long bytes, long available) {

    /** What PyTorch itself needs beyond the model: libraries, allocator slack, the JVM's share. */
    static final long ENGINE_BYTES = 400L << 20;

    public static MemoryEstimate of(GraphAnalysis analysis, TrainingSettings settings) {
        long weights = Math.multiplyExact(analysis.total().parameters(), 4L * 4);
        long activations = Math.multiplyExact(Math.multiplyExact(analysis.total().activationBytes(), 2L),
                settings.batchSize());
        return new MemoryEstimate(Math.addExact(Math.addExact(weights, activations), ENGINE_BYTES), availableBytes());
    }

    /** Refuses a run that needs more than 80% of the memory available. */
    public void checkFits() throws TrainingException {
        if (bytes > available * 0.8) {
            throw new TrainingException(String.format(java.util.Locale.ROOT,
                    "this run needs about %.1f GiB of memory and this computer has %.1f GiB free; use a smaller batch "
                            + "size or a smaller model", bytes / 1073741824.0, available / 1073741824.0));
        }
    }

    private static long availableBytes() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getFreeMemorySize() + cachedBytes();
        }
        return Runtime.getRuntime().maxMemory();
    }

    /** Page cache the kernel gives back on demand (Linux); zero elsewhere. */
    private static long cachedBytes() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/meminfo"))) {
                if (line.startsWith("Cached:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (java.io.IOException | NumberFormatException e) {
            // Not Linux, or an unexpected format: count free memory only.
        }
        return 0;
    }
}
