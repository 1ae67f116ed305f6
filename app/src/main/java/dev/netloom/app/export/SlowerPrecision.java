package dev.netloom.app.export;

import dev.netloom.devices.DeviceEstimate;
import dev.netloom.devices.LayerEstimate;
import dev.netloom.graph.Precision;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Why a precision is estimated slower than FP32 on a device, in one line, from the estimate's own
 * per-layer split (compute, memory, per-operator overhead): a smaller type is not always faster —
 * on a small model the quantize and dequantize steps a lower precision adds around each layer can
 * cost more than its smaller weights save, and some devices compute a type slower than FP32.
 */
public final class SlowerPrecision {

    private SlowerPrecision() {
    }

    /** The line for {@code other} against {@code fp32}, or empty when it is not estimated slower. */
    public static Optional<String> explain(PrecisionFit fp32, PrecisionFit other) {
        DeviceEstimate a = fp32.estimate();
        DeviceEstimate b = other.estimate();
        if (other.precision() == Precision.FP32 || b.latencyMs() <= a.latencyMs()) {
            return Optional.empty();
        }
        double overheadA = sum(a.layers(), LayerEstimate::overheadMs);
        double overheadB = sum(b.layers(), LayerEstimate::overheadMs);
        double workA = sum(a.layers(), l -> Math.max(l.computeMs(), l.memoryMs()));
        double workB = sum(b.layers(), l -> Math.max(l.computeMs(), l.memoryMs()));
        String name = other.precision().displayName();
        String head = name + " is estimated slower than FP32 here (" + ms(b.latencyMs()) + " against " + ms(a.latencyMs()) + "): ";
        if (overheadB - overheadA >= workB - workA) {
            double saved = Math.max(0, workA - workB);
            return Optional.of(head + "the quantize/dequantize steps it adds cost " + ms(overheadB - overheadA)
                    + " of per-operator overhead, more than the " + ms(saved)
                    + " its smaller weights save on a model this small.");
        }
        return Optional.of(head + "this device computes " + name + " layers slower than FP32 ones ("
                + ms(workB) + " against " + ms(workA) + " of compute and memory time).");
    }

    private static double sum(List<LayerEstimate> layers, java.util.function.ToDoubleFunction<LayerEstimate> f) {
        return layers.stream().mapToDouble(f).sum();
    }

    private static String ms(double ms) {
        return ms >= 10 ? String.format(Locale.ROOT, "%.0f ms", ms)
                : ms >= 1 ? String.format(Locale.ROOT, "%.2f ms", ms) : String.format(Locale.ROOT, "%.3f ms", ms);
    }
}
