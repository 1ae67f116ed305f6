package dev.netloom.export.verify;

/**
 * How closely an exported model reproduces the training engine on the artifact's probe batch.
 *
 * @param probeRows examples in the probe
 * @param maxAbsDiff the largest absolute difference of any output value
 * @param tolerance the difference allowed (FP32: 1e-4); NaN when none is enforced (quantized models)
 * @param passed whether the difference is within the tolerance (always true without one)
 * @param top1Agreement share of probe examples whose top class is the same
 */
public record Parity(int probeRows, double maxAbsDiff, double tolerance, boolean passed, double top1Agreement) {
}
