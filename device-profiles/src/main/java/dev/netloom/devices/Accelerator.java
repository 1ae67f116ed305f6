package dev.netloom.devices;

import dev.netloom.graph.Precision;

import java.util.Optional;
import java.util.Set;

/**
 * An NPU, GPU or DSP on the device. The estimate models the {@link ComputeUnit}; accelerators
 * are listed so people (and the exporter) know what else the chip offers and at which precisions.
 *
 * @param name for example {@code Hexagon NPU}
 * @param precisions the weight precisions it accepts
 * @param peakTops its peak in tera-operations per second, when known
 * @param howToUse the runtime or delegate that reaches it
 */
public record Accelerator(String name, Set<Precision> precisions, Optional<Figure> peakTops, String howToUse) {

    public Accelerator {
        precisions = Set.copyOf(precisions);
    }
}
