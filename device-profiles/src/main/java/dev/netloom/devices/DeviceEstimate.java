package dev.netloom.devices;

import dev.netloom.graph.Precision;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a model would cost on a device: per-layer latencies, totals, and whether it fits.
 *
 * @param deviceId the profile used
 * @param threads threads the estimate assumes
 * @param layers per layer, in the order the nodes run
 * @param latencyMs one example, end to end
 * @param peakMemoryBytes weights as loaded + the largest live activations + the runtime's arena
 * @param storageBytes the model file: weights with their scales + the graph
 * @param bottleneckNodeId the slowest layer, or empty text for an empty graph
 * @param fitsRam peak memory within the device's model RAM budget
 * @param fitsStorage storage within the device's model storage budget
 * @param unsupportedPrecisions precisions in the plan the device's runtimes do not take
 * @param reasons plain-language sentences: why it does not fit, and caveats of the estimate
 * @param energy millijoules of one example (the device's power draw × {@code latencyMs},
 *     {@link EnergyModel}); empty when the profile has no power figure
 */
public record DeviceEstimate(String deviceId, int threads, List<LayerEstimate> layers, double latencyMs,
                             long peakMemoryBytes, long storageBytes, String bottleneckNodeId, boolean fitsRam,
                             boolean fitsStorage, Set<Precision> unsupportedPrecisions, List<String> reasons,
                             Optional<EnergyEstimate> energy) {

    public DeviceEstimate {
        layers = List.copyOf(layers);
        unsupportedPrecisions = Set.copyOf(unsupportedPrecisions);
        reasons = List.copyOf(reasons);
        java.util.Objects.requireNonNull(energy, "energy");
    }

    /** Millijoules per example, or NaN when the device has no power figure. */
    public double energyMj() {
        return energy.map(EnergyEstimate::millijoules).orElse(Double.NaN);
    }

    /** True when the model fits in RAM and storage and every precision is supported. */
    public boolean fits() {
        return fitsRam && fitsStorage && unsupportedPrecisions.isEmpty();
    }
}
