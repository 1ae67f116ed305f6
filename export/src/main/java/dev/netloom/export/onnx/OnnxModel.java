package dev.netloom.export.onnx;

import ai.onnx.proto.OnnxMl;

import dev.netloom.graph.Precision;
import dev.netloom.graph.artifact.Tensor;

import java.util.List;
import java.util.Map;

/**
 * A written ONNX model and what a bundle says about it.
 *
 * @param bytes the serialised ModelProto
 * @param opset the ai.onnx opset
 * @param inputs graph inputs in the artifact's order (named after the input nodes)
 * @param outputs graph outputs (named after the head nodes)
 * @param weights per node with weights: its precision and what its weights take
 * @param effectiveWeights every weight by its artifact name, as the model computes with it (rounded
 *        or quantized and dequantized): load these into the training engine and it computes what
 *        this file computes, which is how parity of quantized models is tested
 */
public record OnnxModel(byte[] bytes, int opset, List<Port> inputs, List<Port> outputs, List<WeightStats> weights,
                        Map<String, Tensor> effectiveWeights) {

    /**
     * A graph input or output.
     *
     * @param name the tensor name (the studio node id)
     * @param elementType "float32" or "int64"
     * @param shape dimensions, -1 for the batch
     */
    public record Port(String name, String elementType, long[] shape) {
    }

    /** Each node's precision. */
    public Map<String, Precision> precisionPerLayer() {
        Map<String, Precision> m = new java.util.LinkedHashMap<>();
        weights.stream().filter(w -> w.quantizableWeights() > 0).forEach(w -> m.put(w.nodeId(), w.precision()));
        return m;
    }

    /** Bits per weight over every weight matrix, scales and packing included. */
    public double bitsPerWeight() {
        long n = weights.stream().mapToLong(WeightStats::quantizableWeights).sum();
        long bits = weights.stream().mapToLong(WeightStats::quantizedBits).sum();
        return n == 0 ? 0 : bits / (double) n;
    }

    /**
     * Whether the model quantizes activations while it runs (dynamic or static INT8), so runtimes
     * agree closely but not exactly.
     */
    public boolean quantizesActivations() {
        return proto().getGraph().getNodeList().stream().anyMatch(n -> n.getOpType().equals("DynamicQuantizeLinear")
                || n.getOpType().equals("QuantizeLinear"));
    }

    /**
     * This model with {@code metadata_props} added (provenance: who made it from what); the graph
     * and weights are unchanged.
     */
    public OnnxModel withMetadata(Map<String, String> metadata) {
        OnnxMl.ModelProto.Builder m = proto().toBuilder();
        metadata.forEach((key, value) -> m.addMetadataProps(OnnxMl.StringStringEntryProto.newBuilder()
                .setKey(key).setValue(value)));
        return new OnnxModel(m.build().toByteArray(), opset, inputs, outputs, weights, effectiveWeights);
    }

    private OnnxMl.ModelProto proto() {
        try {
            return OnnxMl.ModelProto.parseFrom(bytes);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new IllegalStateException("a model this code wrote always parses", e);
        }
    }

    /** Bytes all weights take (matrices at their precision, the rest FP32). */
    public long weightBytes() {
        return weights.stream().mapToLong(WeightStats::bytes).sum();
    }
}
