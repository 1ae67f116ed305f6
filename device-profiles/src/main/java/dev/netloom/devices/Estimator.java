package dev.netloom.devices;

import dev.netloom.graph.Precision;
import dev.netloom.graph.TensorType;
import dev.netloom.graph.Units;
import dev.netloom.graph.analysis.GraphAnalysis;
import dev.netloom.graph.analysis.NodeReport;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Estimates latency, peak memory and storage of an analysed graph on a device.
 *
 * <h2>The model</h2>
 * Per layer, a roofline: {@code latency = max(compute, memory) + overhead}, where
 * <ul>
 *   <li>{@code compute = 2 × multiply-adds / sustained throughput} at the precision the layer's
 *       arithmetic runs at and the thread count ({@link ComputeUnit#sustainedOpsPerSecond});</li>
 *   <li>{@code memory = bytes moved / bandwidth}: the layer's weights as loaded (with quantization
 *       scales) plus its input and output activations (FP32; FP16 for FP16 layers; INT8 on
 *       runtimes that run INT8 models fully in integers);</li>
 *   <li>{@code overhead} is the preferred runtime's per-operator launch cost.</li>
 * </ul>
 * Layers without weights (activations, add, concat, pooling, normalisation) cost memory traffic
 * plus overhead; inputs, dropout, reshape and flatten are free at inference; a BatchNorm or a
 * simple activation straight after a convolution or dense layer is fused into it and costs
 * nothing ({@link LayerRole}).
 *
 * <p>What it leaves out: caches (activations that stay in cache cost bandwidth here), the
 * algorithm a runtime picks per layer (Winograd, im2col), and accelerators: it models the
 * profile's {@link ComputeUnit}. Its per-device efficiency is fitted to one published latency
 * and checked against others (see the module README).
 *
 * <p>Stateless and thread-safe.
 */
public final class Estimator {

    /** The graph's own bytes in an ONNX file (names, shapes, attributes): a fixed part… */
    static final long GRAPH_FIXED_BYTES = 16 * 1024;
    /** …and a part per node. An assumption from ONNX files of similar models, not a measurement. */
    static final long GRAPH_BYTES_PER_NODE = 256;

    /**
     * Estimates one example through the graph.
     *
     * @param analysis the analysed graph (layers whose shapes could not be inferred are skipped)
     * @param device the device
     * @param plan the weight precision of each layer
     * @param threads threads the runtime may use; 0 or less means the device's default
     */
    public DeviceEstimate estimate(GraphAnalysis analysis, DeviceProfile device, PrecisionPlan plan, int threads) {
        int t = threads > 0 ? threads : device.defaultThreads();
        RuntimeSupport runtime = device.preferredRuntime();
        List<LayerEstimate> layers = new ArrayList<>();
        long loadedWeights = 0;
        long storedWeights = 0;
        Set<Precision> used = EnumSet.noneOf(Precision.class);
        for (String id : analysis.order()) {
            NodeReport r = analysis.report(id).orElse(null);
            if (r == null) {
                continue;
            }
            Precision p = plan.precisionOf(id);
            long params = r.cost().parameters();
            if (params > 0) {
                used.add(p);
                loadedWeights += WeightSizes.loaded(params, p, runtime);
                storedWeights += WeightSizes.stored(params, p);
            }
            layers.add(layer(r, LayerRole.of(r, analysis.graph()), device, p, t));
        }
        double latency = layers.stream().mapToDouble(LayerEstimate::latencyMs).sum();
        String bottleneck = layers.stream().max(java.util.Comparator.comparingDouble(LayerEstimate::latencyMs))
                .map(LayerEstimate::nodeId).orElse("");
        double activationScale = activationScale(device, plan.defaultPrecision());
        long peak = loadedWeights + (long) (analysis.peakActivationBytes() * activationScale)
                + (long) device.memory().runtimeArenaBytes().value();
        long storage = storedWeights + GRAPH_FIXED_BYTES + GRAPH_BYTES_PER_NODE * analysis.order().size();
        Set<Precision> unsupported = EnumSet.copyOf(used.isEmpty() ? EnumSet.noneOf(Precision.class) : used);
        unsupported.removeAll(device.precisions());
        boolean fitsRam = peak <= device.modelRamBytes();
        boolean fitsStorage = storage <= device.modelStorageBytes();
        List<String> reasons = EstimateReasons.explain(device, used, unsupported, peak, storage, fitsRam, fitsStorage);
        return new DeviceEstimate(device.id(), t, layers, latency, peak, storage, bottleneck, fitsRam, fitsStorage,
                unsupported, reasons);
    }

    private static LayerEstimate layer(NodeReport r, LayerRole role, DeviceProfile device, Precision p, int threads) {
        String id = r.node().id();
        String type = r.node().type();
        if (role == LayerRole.FREE || role == LayerRole.FUSED) {
            return new LayerEstimate(id, type, p, 0, 0, 0, 0, role == LayerRole.FREE ? "free" : "fused");
        }
        ComputeUnit cpu = device.compute();
        RuntimeSupport runtime = device.preferredRuntime();
        double computeMs = role == LayerRole.WEIGHTED
                ? 2.0 * r.cost().activeMultiplyAdds() / cpu.sustainedOpsPerSecond(p, threads) * 1e3 : 0;
        // Weights read from flash still cross a bus: charge them at their stored size.
        long weightBytes = runtime.weightsStayInStorage() ? WeightSizes.stored(r.cost().activeParameters(), p)
                : WeightSizes.loaded(r.cost().activeParameters(), p, runtime);
        long activationBytes = (long) ((bytes(r.inputs().values()) + bytes(r.outputs().values()))
                * activationScale(device, p));
        double memoryMs = (weightBytes + activationBytes) / (device.memory().bandwidthGBps().value() * 1e9) * 1e3;
        double overheadMs = runtime.perOperatorOverheadUs().value() / 1e3;
        double latency = Math.max(computeMs, memoryMs) + overheadMs;
        String bound = overheadMs > Math.max(computeMs, memoryMs) ? "overhead" : computeMs >= memoryMs ? "compute" : "memory";
        return new LayerEstimate(id, type, p, computeMs, memoryMs, overheadMs, latency, bound);
    }

    /**
     * Activations relative to FP32: half for FP16 arithmetic, a quarter for INT8 on runtimes that
     * keep activations in INT8 too, else FP32 (ONNX Runtime quantizes them inside each operator).
     */
    static double activationScale(DeviceProfile device, Precision p) {
        Precision arithmetic = device.compute().computePrecision(p);
        if (arithmetic == Precision.FP16) {
            return 0.5;
        }
        return arithmetic == Precision.INT8 && device.preferredRuntime().integerActivations() ? 0.25 : 1.0;
    }

    private static long bytes(java.util.Collection<TensorType> types) {
        return types.stream().mapToLong(TensorType::bytes).sum();
    }

    /** For messages: "1.2 MiB". */
    static String size(long bytes) {
        return Units.bytes(bytes);
    }
}
