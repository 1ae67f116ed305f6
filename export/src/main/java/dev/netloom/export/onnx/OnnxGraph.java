package dev.netloom.export.onnx;

import ai.onnx.proto.OnnxMl;
import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.ByteString;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An ONNX graph being written: nodes, initializers, inputs and outputs, with names kept unique.
 * The one place that touches the protobuf builders; layer writers only say which operators they
 * need. Node names start with the studio node id they belong to ({@code conv1/Conv}), so a person
 * can find their layers in Netron.
 */
public final class OnnxGraph {

    /** The Microsoft contrib domain, for MatMulNBits. */
    public static final String MICROSOFT = "com.microsoft";

    private final OnnxMl.GraphProto.Builder graph = OnnxMl.GraphProto.newBuilder();
    private final Set<String> names = new HashSet<>();
    private final int opset;
    private boolean usesMicrosoftDomain;
    private String owner = "graph";

    /** @param opset the ai.onnx opset the graph is written for (17 or 21) */
    public OnnxGraph(String name, int opset) {
        graph.setName(name);
        this.opset = opset;
    }

    public int opset() {
        return opset;
    }

    /** Names every node added from now on after this studio node. */
    public void owner(String nodeId) {
        this.owner = nodeId;
    }

    public String owner() {
        return owner;
    }

    /** A tensor name not used yet: the hint itself when free, otherwise hint_2, hint_3 ... */
    public String fresh(String hint) {
        String name = hint;
        for (int i = 2; names.contains(name); i++) {
            name = hint + "_" + i;
        }
        names.add(name);
        return name;
    }

    /** Adds a node with one output named after its owner and a hint; returns the output name. */
    public String op(String opType, String outputHint, List<String> inputs, AttributeProto... attributes) {
        return ops(opType, List.of(outputHint), inputs, attributes).get(0);
    }

    /** Adds a node with several outputs; returns their names. */
    public List<String> ops(String opType, List<String> outputHints, List<String> inputs, AttributeProto... attributes) {
        return opIn("", opType, outputHints, inputs, attributes);
    }

    /** Adds a node from another operator domain (com.microsoft contrib ops). */
    public List<String> opIn(String domain, String opType, List<String> outputHints, List<String> inputs,
                             AttributeProto... attributes) {
        List<String> outputs = new ArrayList<>();
        for (String hint : outputHints) {
            outputs.add(fresh(hint));
        }
        NodeProto.Builder node = NodeProto.newBuilder()
                .setName(fresh(owner + "/" + opType))
                .setOpType(opType)
                .addAllInput(inputs)
                .addAllOutput(outputs);
        if (!domain.isEmpty()) {
            node.setDomain(domain);
            usesMicrosoftDomain |= domain.equals(MICROSOFT);
        }
        for (AttributeProto a : attributes) {
            node.addAttribute(a);
        }
        graph.addNode(node);
        return outputs;
    }

    /** A float32 constant. */
    public String floats(String hint, float[] values, long... dims) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return raw(hint, TensorProto.DataType.FLOAT, b.array(), dims);
    }

    /** An int64 constant (shapes, axes, indices). */
    public String int64s(String hint, long[] values, long... dims) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.asLongBuffer().put(values);
        return raw(hint, TensorProto.DataType.INT64, b.array(), dims);
    }

    /** A one-dimensional int64 constant. */
    public String int64s(String hint, long... values) {
        return int64s(hint, values, values.length);
    }

    /** A scalar float32 constant. */
    public String scalar(String hint, float value) {
        return floats(hint, new float[] {value});
    }

    /** A constant from raw little-endian bytes of any element type (quantized weights). */
    public String raw(String hint, TensorProto.DataType type, byte[] bytes, long... dims) {
        String name = fresh(hint);
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(type.getNumber())
                .setRawData(ByteString.copyFrom(bytes));
        for (long d : dims) {
            t.addDims(d);
        }
        graph.addInitializer(t);
        return name;
    }

    /** Declares a graph input; {@code dims} may hold -1 for the batch, written as the symbol "N". */
    public void input(String name, TensorProto.DataType type, long... dims) {
        names.add(name);
        graph.addInput(valueInfo(name, type, dims));
    }

    /** Declares a graph output; with no dims its shape is left unknown (our graphs have no scalar outputs). */
    public void output(String name, TensorProto.DataType type, long... dims) {
        graph.addOutput(valueInfo(name, type, dims));
    }

    /** Renames the tensor a node produced to a public name (graph outputs carry head ids). */
    public void rename(String from, String to) {
        names.add(to);
        for (int i = graph.getNodeCount() - 1; i >= 0; i--) {
            NodeProto n = graph.getNode(i);
            for (int o = 0; o < n.getOutputCount(); o++) {
                if (n.getOutput(o).equals(from)) {
                    graph.setNode(i, n.toBuilder().setOutput(o, to));
                    return;
                }
            }
        }
        throw new IllegalArgumentException("no node writes " + from);
    }

    /** The finished model, stamped with the IR version the opset needs. */
    public OnnxMl.ModelProto model(String producerVersion, String docString) {
        OnnxMl.ModelProto.Builder m = OnnxMl.ModelProto.newBuilder()
                .setIrVersion(opset >= 21 ? 10 : 8)
                .setProducerName("netloom")
                .setProducerVersion(producerVersion)
                .setDocString(docString)
                .setGraph(graph)
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(opset));
        if (usesMicrosoftDomain) {
            m.addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain(MICROSOFT).setVersion(1));
        }
        return m.build();
    }

    private static OnnxMl.ValueInfoProto valueInfo(String name, TensorProto.DataType type, long... dims) {
        OnnxMl.TensorShapeProto.Builder shape = OnnxMl.TensorShapeProto.newBuilder();
        for (long d : dims) {
            shape.addDim(d < 0 ? OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimParam("N")
                    : OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        OnnxMl.TypeProto.Tensor.Builder tensor = OnnxMl.TypeProto.Tensor.newBuilder().setElemType(type.getNumber());
        if (dims.length > 0) {
            tensor.setShape(shape);
        }
        return OnnxMl.ValueInfoProto.newBuilder().setName(name)
                .setType(OnnxMl.TypeProto.newBuilder().setTensorType(tensor)).build();
    }
}
