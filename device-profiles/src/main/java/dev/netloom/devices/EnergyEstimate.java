package dev.netloom.devices;

/**
 * The energy of one prediction on a device: the power it draws while the prediction runs, times
 * the estimated latency (W × ms = mJ).
 *
 * @param millijoules energy of one example, end to end
 * @param watts the draw charged for it (with the idle figure, interpolated by the cores in use)
 * @param provenance the provenance of the device's active power figure
 * @param basis one sentence: which figure, what it covers and how the draw was charged
 */
public record EnergyEstimate(double millijoules, double watts, Provenance provenance, String basis) {
}
