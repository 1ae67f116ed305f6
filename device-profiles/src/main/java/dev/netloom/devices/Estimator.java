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
 * Estimates latency, peak memory, storage and energy of an analysed graph on a device.
 *
 * <h2>The model</h2>
 * Per layer, a roofline: {@code latency = max(compute, memory) + overhead}, where
 * <ul>
 *   <li>{@code compute = 2 × multiply-adds / sustained throughput} at the precision the layer's
 *       arithmetic really runs at on the runtime ({@link LayerArithmetic}) and the thread count
 *       ({@link ComputeUnit#sustainedOpsPerSecond}); for linear layers at least one
 *       matrix-vector pass over the weights where the profile measured that rate;</li>
 *   <li>{@code memory = bytes moved / bandwidth}: the layer's weights as loaded (with quantization
 *       scales; none when all the model's weights fit in the profile's cache; for a lookup table
 *       only the rows the tokens read, {@link #readPerPrediction}) plus its input and
 *       output activations (FP32; FP16 for FP16 layers; INT8 on runtimes that run INT8 models
 *       fully in integers);</li>
 *   <li>{@code overhead}: the runtime's launch cost for each ONNX operator the layer becomes
 *       ({@link OperatorCount}), plus, for each operator after the first, one more pass over the
 *       layer's input and output activations.</li>
 * </ul>
 * Once per prediction the runtime's call cost is added. The energy of a prediction is the
 * device's power draw times that latency ({@link EnergyModel}). On runtimes that run the exported file
 * (not the full-integer ones) a Mixture-of-Experts layer counts all experts: the file is dense.
 * Layers without weights (activations, add, concat, pooling, normalisation) cost memory traffic
 * plus overhead; inputs, dropout, reshape and flatten are free at inference; a BatchNorm or a
 * simple activation straight after a convolution or dense layer is fused into it and costs
 * nothing ({@link LayerRole}).
 *
 * <p>What it leaves out: activations that stay in cache (they cost bandwidth here), the
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
                loadedWeights += LayerArithmetic.loadedWeightBytes(r.spec(), params, p, runtime);
                storedWeights += WeightSizes.stored(params, p);
            }
        }
        boolean weightsInCache = weightsStayInCache(device, loadedWeights);
        for (String id : analysis.order()) {
            analysis.report(id).ifPresent(r -> layers.add(
                    layer(r, LayerRole.of(r, analysis), device, plan.precisionOf(id), t, weightsInCache)));
        }
        // One call into the runtime costs a fixed time on top of its operators (where the profile measured it).
        double latency = layers.stream().mapToDouble(LayerEstimate::latencyMs).sum()
                + runtime.perPredictionOverheadUs().value() / 1e3;
        String bottleneck = layers.stream().max(java.util.Comparator.comparingDouble(LayerEstimate::latencyMs))
                .map(LayerEstimate::nodeId).orElse("");
        double activationScale = activationScale(device, device.compute().computePrecision(plan.defaultPrecision()));
        long peak = loadedWeights + (long) (analysis.peakActivationBytes() * activationScale)
                + (long) device.memory().runtimeArenaBytes().value();
        long storage = storedWeights + GRAPH_FIXED_BYTES + GRAPH_BYTES_PER_NODE * analysis.order().size();
        Set<Precision> unsupported = EnumSet.copyOf(used.isEmpty() ? EnumSet.noneOf(Precision.class) : used);
        unsupported.removeAll(device.precisions());
        boolean fitsRam = peak <= device.modelRamBytes();
        boolean fitsStorage = storage <= device.modelStorageBytes();
        List<String> reasons = EstimateReasons.explain(device, used, unsupported, peak, storage, fitsRam, fitsStorage);
        return new DeviceEstimate(device.id(), t, layers, latency, peak, storage, bottleneck, fitsRam, fitsStorage,
                unsupported, reasons, EnergyModel.estimate(device, t, latency));
    }

    private static LayerEstimate layer(NodeReport r, LayerRole role, DeviceProfile device, Precision p, int threads,
                                       boolean weightsInCache) {
        String id = r.node().id();
        String type = r.node().type();
        RuntimeSupport runtime = device.preferredRuntime();
        // Every operator the layer becomes costs a launch, even a Reshape; fused layers become none.
        int operators = role == LayerRole.FUSED ? 0 : OperatorCount.of(r, p);
        double launchMs = operators * runtime.perOperatorOverheadUs().value() / 1e3;
        if (role == LayerRole.FREE || role == LayerRole.FUSED) {
            return new LayerEstimate(id, type, p, 0, 0, launchMs, launchMs, role == LayerRole.FREE ? "free" : "fused");
        }
        boolean dense = LayerArithmetic.denseExperts(runtime);
        long multiplyAdds = dense ? r.cost().multiplyAdds() : r.cost().activeMultiplyAdds();
        long parameters = dense ? r.cost().parameters() : r.cost().activeParameters();
        double computeMs = role == LayerRole.WEIGHTED ? computeMs(r, device, p, threads, multiplyAdds, parameters) : 0;
        // Weights read from flash still cross a bus: charge them at their stored size. Weights that
        // stay in the cache between predictions cost no memory traffic (their streaming from the
        // cache is in the matrix-vector rate of computeMs).
        long weightBytes = runtime.weightsStayInStorage() ? WeightSizes.stored(parameters, p)
                : weightsInCache ? 0 : LayerArithmetic.loadedWeightBytes(r.spec(), parameters, p, runtime);
        weightBytes = readPerPrediction(r, parameters, weightBytes);
        Precision arithmetic = LayerArithmetic.arithmetic(r.spec(), p, device);
        long activationBytes = (long) ((bytes(r.inputs().values()) + bytes(r.outputs().values()))
                * activationScale(device, arithmetic));
        double bandwidth = device.memory().bandwidthGBps().value() * 1e9;
        double memoryMs = (weightBytes + activationBytes) / bandwidth * 1e3;
        // A layer written as several operators (attention, an encoder block, a linear layer with its
        // bias Add) runs them one after another, each reading and writing an activation: counted as
        // the layer's own input and output once more per further operator. At batch 1 these are the
        // reshapes, transposes, softmaxes and element-wise steps, bound by memory and launch cost.
        double chainMs = Math.max(0, operators - 1) * activationBytes / bandwidth * 1e3;
        double overheadMs = launchMs + chainMs;
        double latency = Math.max(computeMs, memoryMs) + overheadMs;
        String bound = overheadMs > Math.max(computeMs, memoryMs) ? "overhead" : computeMs >= memoryMs ? "compute" : "memory";
        return new LayerEstimate(id, type, p, computeMs, memoryMs, overheadMs, latency, bound);
    }

    /**
     * Time of the layer's multiply-adds. For linear layers on a processor with a measured
     * matrix-vector rate, at least the time of one matrix-vector pass over the weights: with one
     * example (a few tokens) the kernel streams each weight for a handful of multiply-adds and
     * cannot reach the square-matrix peak. For many tokens the peak term dominates again.
     */
    private static double computeMs(NodeReport r, DeviceProfile device, Precision p, int threads, long multiplyAdds,
                                    long parameters) {
        ComputeUnit cpu = device.compute();
        Precision arithmetic = LayerArithmetic.arithmetic(r.spec(), p, device);
        double peakMs = 2.0 * multiplyAdds / cpu.sustainedOpsPerSecond(arithmetic, threads, KernelClass.of(r)) * 1e3;
        if (!LayerArithmetic.linear(r.spec())) {
            return peakMs;
        }
        double passMs = cpu.matrixVectorOpsPerSecond(arithmetic, threads)
                .map(rate -> 2.0 * Math.min(parameters, multiplyAdds) / rate * 1e3).orElse(0.0);
        return Math.max(peakMs, passMs);
    }

    /**
     * The part of a layer's weights one prediction reads. A lookup table (an embedding) is read
     * one row per token, not whole: 128 tokens of a 30,522 × 128 table read 128 rows (64 KiB in
     * FP32), not 15.6 MB. Every other layer reads all its weights.
     */
    static long readPerPrediction(NodeReport r, long parameters, long weightBytes) {
        if (!LayerArithmetic.lookup(r.spec()) || parameters == 0) {
            return weightBytes;
        }
        long rowsRead = r.outputs().values().stream().mapToLong(TensorType::elements).sum();
        return rowsRead >= parameters ? weightBytes : (long) Math.ceil((double) weightBytes * rowsRead / parameters);
    }

    /**
     * Whether the model's weights fit in the device's last-level cache (when the profile gives one),
     * so repeated predictions find them there rather than in memory.
     */
    static boolean weightsStayInCache(DeviceProfile device, long loadedWeightBytes) {
        return device.memory().cacheBytes().map(c -> loadedWeightBytes <= c.value()).orElse(false);
    }

    /**
     * Activations relative to FP32: half for FP16 arithmetic, a quarter for INT8 on runtimes that
     * keep activations in INT8 too, else FP32 (ONNX Runtime quantizes them inside each operator).
     */
    static double activationScale(DeviceProfile device, Precision arithmetic) {
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
