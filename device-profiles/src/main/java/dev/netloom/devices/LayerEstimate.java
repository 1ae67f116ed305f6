package dev.netloom.devices;

import dev.netloom.graph.Precision;

/**
 * The estimated time of one layer on a device.
 *
 * @param nodeId the node
 * @param type its layer type
 * @param precision the precision of its weights in the plan
 * @param computeMs multiply-add time at the sustained throughput
 * @param memoryMs time to move its weights and activations at the memory bandwidth
 * @param overheadMs the runtime's cost of launching each of its operators, plus one more pass over
 *     its activations per operator after the first
 * @param latencyMs {@code max(computeMs, memoryMs) + overheadMs}
 * @param bound what limits it: {@code compute}, {@code memory}, {@code overhead}, {@code fused}
 *     (folded into the layer before it) or {@code free} (no work at inference)
 */
public record LayerEstimate(String nodeId, String type, Precision precision, double computeMs, double memoryMs,
                            double overheadMs, double latencyMs, String bound) {
}
