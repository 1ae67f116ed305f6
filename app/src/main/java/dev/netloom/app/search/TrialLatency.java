package dev.netloom.app.search;

import com.fasterxml.jackson.databind.JsonNode;
import dev.netloom.devices.DeviceEstimate;
import dev.netloom.devices.DeviceProfile;
import dev.netloom.devices.Estimator;
import dev.netloom.devices.PrecisionPlan;
import dev.netloom.graph.Precision;
import dev.netloom.graph.analysis.GraphAnalysis;
import dev.netloom.graph.project.Project;

import java.util.Locale;

/**
 * The latency and energy objectives: device-profiles' roofline estimate ({@link Estimator}) of one
 * example through a trial's graph on a chosen device, at the precision the project exports at, and
 * the energy it costs there (the device's power draw × that latency). It is an
 * estimate, not a measurement, so a search can weigh latency on a phone or a Raspberry Pi without
 * the device; {@code netloom estimate} prints the same number for one graph.
 *
 * @param device the device the model is meant for
 * @param precision the weight precision of every layer (the project's {@code export.precision}, else FP32)
 */
public record TrialLatency(DeviceProfile device, Precision precision) {

    private static final Estimator ESTIMATOR = new Estimator();

    /**
     * The latency objective for a project: its export precision when it names one, else FP32
     * (what a trial's model is before quantization).
     */
    public static TrialLatency forProject(DeviceProfile device, Project project) {
        JsonNode export = project.sections().get("export");
        String text = export != null && export.path("precision").isTextual() ? export.path("precision").textValue() : "fp32";
        Precision precision = Precision.parse(text).orElse(Precision.FP32); // "auto" and unknown words: the search compares graphs, FP32 is fair to all
        return new TrialLatency(device, precision);
    }

    /** Estimated milliseconds per example with the device's default threads. */
    public double milliseconds(GraphAnalysis analysis) {
        return estimate(analysis).latencyMs();
    }

    /**
     * Estimated millijoules per example with the device's default threads (power draw × latency),
     * or NaN when the device has no power figure.
     */
    public double millijoules(GraphAnalysis analysis) {
        return estimate(analysis).energyMj();
    }

    /** The whole estimate of one example with the device's default threads. */
    public DeviceEstimate estimate(GraphAnalysis analysis) {
        return ESTIMATOR.estimate(analysis, device, PrecisionPlan.uniform(precision), 0);
    }

    /** Whether the device has a power figure, so the energy objective can be estimated. */
    public boolean estimatesEnergy() {
        return device.power().known();
    }

    /** "raspberry-pi-5 (FP32)", for tables and axis labels. */
    public String describe() {
        return String.format(Locale.ROOT, "%s (%s)", device.id(), precision.displayName());
    }
}
