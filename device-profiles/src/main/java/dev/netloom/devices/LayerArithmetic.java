package dev.netloom.devices;

import dev.netloom.graph.Precision;
import dev.netloom.graph.catalog.LayerSpec;
import dev.netloom.graph.catalog.WeightUse;

/**
 * What a layer at a weight precision really computes on a device's preferred runtime: the
 * precision of its arithmetic, the size its weights take once loaded, and whether it is a matrix
 * product of activations by weights (a "linear" layer).
 *
 * <p>Two kinds of runtime:
 * <ul>
 *   <li><b>Dynamic quantization</b> (runs the ONNX file directly and keeps activations in FP32:
 *       ONNX Runtime and its Mobile and web builds). The exported file quantizes only the matrix
 *       products of linear layers at run time: INT8 is DynamicQuantizeLinear + MatMulInteger
 *       (INT8 arithmetic), INT4 is MatMulNBits with {@code accuracy_level} 0 (4-bit weights stay
 *       4-bit in memory and are widened block by block: FP32 arithmetic, the same answers on
 *       every CPU). Convolution, depthwise and embedding weights at any integer precision, and
 *       2-bit/1-bit weights everywhere, are widened by standard operators (Cast, Mul, unpacking)
 *       that the runtime folds to FP32 constants when it loads the model: those layers compute in
 *       FP32 and hold FP32 weights.</li>
 *   <li><b>Everything else</b> (full-integer microcontroller runtimes, converted models): the layer
 *       computes at the precision of its weights if the processor has a peak for it, as before.</li>
 * </ul>
 */
final class LayerArithmetic {

    private LayerArithmetic() {
    }

    /** A layer whose weights multiply activations as matrix products (the exporter's NodeWriter.linear). */
    static boolean linear(LayerSpec spec) {
        return spec.traits().weights() == WeightUse.MATRIX_PRODUCT;
    }

    /** A layer whose weights are a table read one row per token (a Gather), not multiplied whole. */
    static boolean lookup(LayerSpec spec) {
        return spec.traits().weights() == WeightUse.LOOKUP;
    }

    /** True for runtimes that run the ONNX file with dynamic quantization (ONNX Runtime). */
    static boolean dynamicQuantization(RuntimeSupport runtime) {
        return runtime.runsOnnxDirectly() && !runtime.integerActivations();
    }

    /** True when the layer's integer weights stay integer in the runtime's matrix products. */
    static boolean quantizedProduct(LayerSpec spec, Precision p, RuntimeSupport runtime) {
        if (!isInteger(p)) {
            return false;
        }
        if (!dynamicQuantization(runtime)) {
            return true;
        }
        return linear(spec) && (p == Precision.INT8 || p == Precision.INT4);
    }

    /** The precision the layer's arithmetic runs at on this device. */
    static Precision arithmetic(LayerSpec spec, Precision p, DeviceProfile device) {
        RuntimeSupport runtime = device.preferredRuntime();
        if (isInteger(p) && dynamicQuantization(runtime)) {
            if (!quantizedProduct(spec, p, runtime)) {
                return Precision.FP32;
            }
            // MatMulNBits at accuracy level 0 widens the 4-bit weights and multiplies in FP32.
            return device.compute().computePrecision(p == Precision.INT4 ? Precision.FP32 : Precision.INT8);
        }
        return device.compute().computePrecision(p);
    }

    /** Bytes the layer's weights take in RAM once loaded (0 for weights read in place from flash). */
    static long loadedWeightBytes(LayerSpec spec, long parameters, Precision p, RuntimeSupport runtime) {
        if (isInteger(p) && dynamicQuantization(runtime) && !quantizedProduct(spec, p, runtime)) {
            return runtime.weightsStayInStorage() ? 0 : Precision.FP32.bytes(parameters); // folded at load
        }
        return WeightSizes.loaded(parameters, p, runtime);
    }

    /**
     * Whether the runtime computes every expert of a Mixture-of-Experts layer. The exported file is
     * dense (export's MoeWriter: every expert runs on every token, weighted by a gate that is zero for
     * the experts not chosen), so every runtime that runs it does; only the full-integer runtimes,
     * whose converters are outside the studio, keep the sparse (top-k) count.
     */
    static boolean denseExperts(RuntimeSupport runtime) {
        return !runtime.integerActivations();
    }

    private static boolean isInteger(Precision p) {
        return p != Precision.FP32 && p != Precision.FP16;
    }
}
