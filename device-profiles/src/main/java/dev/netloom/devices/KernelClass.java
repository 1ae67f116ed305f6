package dev.netloom.devices;

import dev.netloom.graph.analysis.NodeReport;
import dev.netloom.graph.catalog.LayerType;
import dev.netloom.graph.catalog.ParamSpec;
import dev.netloom.graph.catalog.WeightUse;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The kind of kernel a weighted layer runs, for the efficiency a runtime reaches on it. Runtimes
 * reach very different fractions of a core's peak on different kernels: a dense 3×3 convolution
 * (im2col or Winograd, long inner loops) runs close to peak, a 1×1 convolution is a plain matrix
 * product, a depthwise convolution does a few multiply-adds per value it loads and is bound by
 * memory traffic inside the core. One efficiency per device made ResNets 2–5× too slow when it
 * was fitted to MobileNetV2.
 */
public enum KernelClass {
    /** A dense convolution with a kernel larger than 1×1 (3×3, 7×7, patch embeddings). */
    CONV("conv"),
    /** A 1×1 convolution over all channels: a matrix product per pixel. */
    POINTWISE("pointwise"),
    /** A depthwise (or otherwise grouped per channel) convolution. */
    DEPTHWISE("depthwise"),
    /** A matrix product of activations by weights: dense, attention, expert and recurrent projections. */
    MATMUL("matmul"),
    /** Everything else (weightless layers, normalisation): the device's general efficiency. */
    OTHER("other");

    /** The kind of kernel each layer type with {@link WeightUse#CONVOLUTION} weights runs. */
    private static final Map<LayerType, Function<NodeReport, KernelClass>> CONVOLUTIONS = Map.of(
            LayerType.CONV1D, KernelClass::convolution,
            // A transposed convolution runs as a dense convolution (or a matrix product and col2im) in runtimes.
            LayerType.CONV_TRANSPOSE2D, r -> CONV,
            LayerType.DEPTHWISE_CONV2D, r -> DEPTHWISE,
            LayerType.PATCH_EMBEDDING, r -> CONV,
            LayerType.CONV2D, KernelClass::convolution);

    private final String key;

    KernelClass(String key) {
        this.key = key;
    }

    /** The word the profile format uses under {@code compute.kernelEfficiency}. */
    public String key() {
        return key;
    }

    /** The class with that profile word. */
    public static Optional<KernelClass> byKey(String key) {
        for (KernelClass k : values()) {
            if (k.key.equals(key.toLowerCase(Locale.ROOT))) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    /**
     * The kernel a layer runs: a matrix product for weights used as matrix products, the
     * convolution's own kind (from {@link #CONVOLUTIONS}) for convolution weights, the device's
     * general efficiency for the rest.
     *
     * @throws IllegalArgumentException for a convolution type {@link #CONVOLUTIONS} has no entry for
     */
    public static KernelClass of(NodeReport r) {
        return switch (r.spec().traits().weights()) {
            case MATRIX_PRODUCT, RECURRENT -> MATMUL;
            case CONVOLUTION -> {
                Function<NodeReport, KernelClass> kind = CONVOLUTIONS.get(r.spec().layerType());
                if (kind == null) {
                    throw new IllegalArgumentException("no kernel class for convolution layer type " + r.spec().type()
                            + " (node " + r.node().id() + ")");
                }
                yield kind.apply(r);
            }
            default -> OTHER;
        };
    }

    /** Whether a convolution type has its kernel class ({@code KernelClassTest} checks every catalog one). */
    static boolean coversConvolution(LayerType type) {
        return CONVOLUTIONS.containsKey(type);
    }

    /** A Conv1d or Conv2d: grouped runs as depthwise, a 1-wide kernel as a matrix product per position. */
    private static KernelClass convolution(NodeReport r) {
        if (intParam(r, "groups", 1) > 1) {
            return DEPTHWISE;
        }
        Object kernel = r.params().get("kernel");
        if (kernel instanceof Number n) {
            return n.intValue() == 1 ? POINTWISE : CONV; // Conv1d, or a square Conv2d kernel
        }
        int[] k = kernel == null ? new int[] {3, 3} : ParamSpec.pair(kernel); // Conv2d: 3 or [1, 7]
        return k[0] == 1 && k[1] == 1 ? POINTWISE : CONV;
    }

    private static int intParam(NodeReport r, String name, int otherwise) {
        Object v = r.params().get(name);
        return v instanceof Number n ? n.intValue() : otherwise;
    }
}
