package dev.netloom.graph.quantize;

/**
 * How a layer uses one of its weight tensors, which decides how that tensor is quantized: the
 * exporter writes it through one of three paths, and quantization-aware training must round it
 * exactly as that path does ({@link WeightRule}).
 */
public enum WeightRole {
    /** A matrix product {@code x·Wᵀ}, W stored (out, in): Dense, heads, attention projections, experts, gates. */
    LINEAR,
    /** A tensor used as a whole, rows being its first dimension: convolution kernels, embedding tables. */
    MATRIX,
    /** Kept in FP32 at every precision: biases, norms, positions, MoE routers. */
    FLOAT
}
