package dev.netloom.export.onnx;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import dev.netloom.devices.PrecisionPlan;
import dev.netloom.export.Artifact;
import dev.netloom.export.ExportOptions;
import dev.netloom.graph.Edge;
import dev.netloom.graph.ElementType;
import dev.netloom.graph.PortRef;
import dev.netloom.graph.Precision;
import dev.netloom.graph.TensorType;
import dev.netloom.graph.analysis.NodeReport;
import dev.netloom.graph.catalog.Category;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a model artifact as an ONNX model: graph inputs named after the input nodes, outputs
 * after the heads (logits), every node's operators named after it, weights at the precision the
 * plan gives its node. Reads weights by name and shape, so an artifact that does not fit its
 * graph is refused with the tensor's name.
 */
public final class OnnxWriter {

    private final String producerVersion;

    public OnnxWriter(String producerVersion) {
        this.producerVersion = producerVersion;
    }

    /** The model for an artifact at a precision plan. */
    public OnnxModel write(Artifact artifact, PrecisionPlan plan, ExportOptions options) {
        return write(artifact, plan, options, List.of());
    }

    /**
     * The model with extra outputs: inner tensors by name (tests look at MoE routing through
     * {@link #routingOutput(String)}).
     */
    public OnnxModel write(Artifact artifact, PrecisionPlan plan, ExportOptions options, List<String> extraOutputs) {
        return write(artifact, plan, options, extraOutputs, null);
    }

    /**
     * The model with static INT8 activations: INT8 nodes written in {@link ExportOptions.Int8Mode#STATIC}
     * quantize the activations around their products with these calibrated ranges
     * ({@code calibrate.StaticInt8} makes them; {@link ActivationRanges#recording()} lists the
     * tensors that need one).
     */
    public OnnxModel write(Artifact artifact, PrecisionPlan plan, ExportOptions options, List<String> extraOutputs,
                           ActivationRanges activations) {
        OnnxGraph g = new OnnxGraph(artifact.name(), options.opset());
        Weights weights = new Weights(artifact.weights());
        List<OnnxModel.Port> inputs = new ArrayList<>();
        List<OnnxModel.Port> outputs = new ArrayList<>();
        Map<PortRef, String> values = new HashMap<>();
        Map<String, Map<String, PortRef>> sources = new HashMap<>();
        for (Edge e : artifact.project().graph().edges()) {
            sources.computeIfAbsent(e.to().nodeId(), k -> new HashMap<>()).put(e.to().port(), e.from());
        }
        for (String id : artifact.inputIds()) {
            TensorType t = artifact.analysis().report(id).orElseThrow().out();
            boolean tokens = t.elementType() == ElementType.INT64;
            long[] shape = batched(t);
            g.input(id, tokens ? DataType.INT64 : DataType.FLOAT, shape);
            inputs.add(new OnnxModel.Port(id, tokens ? "int64" : "float32", shape));
            values.put(new PortRef(id, "out"), id);
        }
        List<WeightStats> stats = new ArrayList<>();
        Map<String, dev.netloom.graph.artifact.Tensor> effective = new LinkedHashMap<>();
        for (String id : artifact.analysis().order()) {
            NodeReport r = artifact.analysis().report(id).orElseThrow();
            if (r.spec().category() == Category.INPUTS) {
                continue;
            }
            Map<String, String> in = new LinkedHashMap<>();
            sources.getOrDefault(id, Map.of()).forEach((port, from) -> in.put(port, values.get(from)));
            Precision precision = plan.precisionOf(id);
            NodeWriter w = new NodeWriter(g, r, in, weights, precision, options, effective, activations);
            String out = OnnxLayers.write(r.spec().layerType(), w);
            if (w.stats().quantizableWeights() + w.stats().otherWeights() > 0) {
                stats.add(w.stats());
            }
            values.put(new PortRef(id, "out"), out);
        }
        weights.checkAllUsed();
        for (String head : artifact.headIds()) {
            String tensor = values.get(new PortRef(head, "out"));
            if (!tensor.equals(head)) {
                g.rename(tensor, head);
            }
            long[] shape = batched(artifact.analysis().report(head).orElseThrow().out());
            g.output(head, DataType.FLOAT, shape);
            outputs.add(new OnnxModel.Port(head, "float32", shape));
        }
        for (String extra : extraOutputs) {
            g.output(extra, extra.endsWith("/top_experts") ? DataType.INT64 : DataType.FLOAT);
        }
        byte[] bytes = g.model(producerVersion, "Exported by Netloom Studio from " + artifact.name()).toByteArray();
        return new OnnxModel(bytes, options.opset(), inputs, outputs, stats, effective);
    }

    /** The name of an MoE node's chosen-experts tensor [tokens, topK], for {@link #write} extra outputs. */
    public static String routingOutput(String moeNodeId) {
        return MoeWriter.routingOutputName(moeNodeId);
    }

    private static long[] batched(TensorType t) {
        long[] shape = new long[t.rank() + 1];
        shape[0] = -1;
        for (int i = 0; i < t.rank(); i++) {
            shape[i + 1] = t.dim(i);
        }
        return shape;
    }
}
