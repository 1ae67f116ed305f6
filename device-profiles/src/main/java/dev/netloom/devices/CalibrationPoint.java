package dev.netloom.devices;

import dev.netloom.graph.Precision;

/**
 * A published latency the profile is checked against.
 *
 * @param template the project template it concerns, for example {@code mobilenet-v2}
 * @param precision the precision the benchmark ran at
 * @param threads threads used
 * @param latencyMs the published latency
 * @param fitted true when the profile's efficiency was fitted to this figure, false when it is
 *     held out (a real check of the model)
 * @param source where the figure comes from
 */
public record CalibrationPoint(String template, Precision precision, int threads, double latencyMs, boolean fitted,
                               String source) {
}
