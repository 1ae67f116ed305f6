package dev.netloom.devices;

import dev.netloom.graph.Precision;

/**
 * Bytes of weights at a precision, including the scales a quantizer adds.
 *
 * <p>Integer precisions carry one FP32 scale per block of {@value #BLOCK} weights: ONNX
 * Runtime's default INT4 block size (docs/figures.md). Per-channel INT8 has fewer scales, so this
 * slightly over-counts INT8; the difference is under 1%.
 */
final class WeightSizes {

    static final int BLOCK = 128;

    private WeightSizes() {
    }

    /** Bytes in the model file. */
    static long stored(long parameters, Precision p) {
        long raw = p.bytes(parameters);
        return isInteger(p) ? raw + scales(parameters) : raw;
    }

    /**
     * Bytes in RAM once loaded (none when the runtime reads them in place from flash). A runtime that folds 2-bit and 1-bit weights to FP32 at load
     * (ONNX Runtime does, docs/recipes.md) holds them at FP32 size: small file, FP32 memory.
     */
    static long loaded(long parameters, Precision p, RuntimeSupport runtime) {
        if (runtime.weightsStayInStorage()) {
            return 0;
        }
        if (runtime.foldsSubByteWeights() && p.bits() < 4) {
            return Precision.FP32.bytes(parameters);
        }
        return stored(parameters, p);
    }

    private static boolean isInteger(Precision p) {
        return p != Precision.FP32 && p != Precision.FP16;
    }

    private static long scales(long parameters) {
        return (parameters + BLOCK - 1) / BLOCK * 4;
    }
}
