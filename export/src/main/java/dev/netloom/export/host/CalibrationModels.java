package dev.netloom.export.host;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;

import java.util.Random;

/**
 * The tiny ONNX models the host calibration times, built directly from the ONNX protobuf
 * classes (IR 10, opset 21). Each isolates one figure of a device profile.
 */
final class CalibrationModels {

    static final int MATMUL_SIZE = 512;
    static final int ADD_ELEMENTS = 4 * 1024 * 1024;
    static final int CHAIN_LENGTH = 200;
    static final int CHAIN_WIDTH = 16;
    /** Rows and columns of the FP32 matrix-vector product's weights: 4 MiB. */
    static final int MATVEC_SIZE = 1024;
    /** Rows and columns of the INT8 matrix-vector product's weights: 4 MiB too, so both stream from the same cache level. */
    static final int MATVEC_INT8_SIZE = 2048;

    private CalibrationModels() {
    }

    /** {@code y = a · b} for two {@value #MATMUL_SIZE}² FP32 inputs: 2·n³ FLOP, compute-bound. */
    static byte[] matMul() {
        int n = MATMUL_SIZE;
        return model(GraphProto.newBuilder().setName("matmul")
                .addInput(floats("a", n, n)).addInput(floats("b", n, n)).addOutput(floats("y", n, n))
                .addNode(node("MatMul", "a", "b", "y")));
    }

    /**
     * {@code y = MatMulInteger(DynamicQuantizeLinear(a), b_int8)}: ONNX Runtime's INT8 path
     * (RECIPES.md). The INT8 weights are an initializer, as they would be in an exported model.
     */
    static byte[] matMulInteger() {
        int n = MATMUL_SIZE;
        byte[] weights = new byte[n * n];
        new Random(7).nextBytes(weights);
        TensorProto b = TensorProto.newBuilder().setName("b").setDataType(TensorProto.DataType.INT8_VALUE)
                .addDims(n).addDims(n).setRawData(ByteString.copyFrom(weights)).build();
        ValueInfoProto y = ValueInfoProto.newBuilder().setName("y").setType(type(TensorProto.DataType.INT32_VALUE, n, n)).build();
        return model(GraphProto.newBuilder().setName("matmul_integer")
                .addInput(floats("a", n, n)).addOutput(y).addInitializer(b)
                .addNode(NodeProto.newBuilder().setOpType("DynamicQuantizeLinear").addInput("a")
                        .addOutput("aq").addOutput("a_scale").addOutput("a_zero"))
                .addNode(NodeProto.newBuilder().setOpType("MatMulInteger").addInput("aq").addInput("b")
                        .addInput("a_zero").addOutput("y")));
    }

    /**
     * {@code y = x · W} for one row {@code x} [1, {@value #MATVEC_SIZE}] and an FP32 weight initializer
     * [{@value #MATVEC_SIZE}²], as an exported Dense layer at batch 1 computes: the kernel streams
     * every weight once for few multiply-adds each, which a square MatMul does not show.
     */
    static byte[] matVec() {
        int n = MATVEC_SIZE;
        float[] w = new float[n * n];
        Random r = new Random(11);
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) r.nextGaussian() * 0.03f;
        }
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(w.length * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (float v : w) {
            b.putFloat(v);
        }
        TensorProto weights = TensorProto.newBuilder().setName("w").setDataType(TensorProto.DataType.FLOAT_VALUE)
                .addDims(n).addDims(n).setRawData(ByteString.copyFrom(b.array())).build();
        return model(GraphProto.newBuilder().setName("matvec")
                .addInput(floats("x", 1, n)).addOutput(floats("y", 1, n)).addInitializer(weights)
                .addNode(node("MatMul", "x", "w", "y")));
    }

    /**
     * The exporter's dynamic INT8 linear layer at batch 1 (NodeWriter.dynamicInt8): DynamicQuantizeLinear,
     * MatMulInteger on INT8 weights, Cast, times the activation scale, times the per-column weight scale.
     * Its time includes quantizing the row and rescaling the result, the per-call cost of that scheme.
     */
    static byte[] matVecInteger() {
        int n = MATVEC_INT8_SIZE;
        byte[] codes = new byte[n * n];
        new Random(13).nextBytes(codes);
        float[] scale = new float[n];
        java.util.Arrays.fill(scale, 0.01f);
        java.nio.ByteBuffer s = java.nio.ByteBuffer.allocate(n * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (float v : scale) {
            s.putFloat(v);
        }
        TensorProto weights = TensorProto.newBuilder().setName("w").setDataType(TensorProto.DataType.INT8_VALUE)
                .addDims(n).addDims(n).setRawData(ByteString.copyFrom(codes)).build();
        TensorProto scales = TensorProto.newBuilder().setName("w_scale").setDataType(TensorProto.DataType.FLOAT_VALUE)
                .addDims(n).setRawData(ByteString.copyFrom(s.array())).build();
        return model(GraphProto.newBuilder().setName("matvec_integer")
                .addInput(floats("x", 1, n)).addOutput(floats("y", 1, n)).addInitializer(weights).addInitializer(scales)
                .addNode(NodeProto.newBuilder().setOpType("DynamicQuantizeLinear").addInput("x")
                        .addOutput("xq").addOutput("x_scale").addOutput("x_zero"))
                .addNode(NodeProto.newBuilder().setOpType("MatMulInteger").addInput("xq").addInput("w")
                        .addInput("x_zero").addOutput("p"))
                .addNode(NodeProto.newBuilder().setOpType("Cast").addInput("p").addOutput("pf")
                        .addAttribute(ai.onnx.proto.OnnxMl.AttributeProto.newBuilder().setName("to")
                                .setType(ai.onnx.proto.OnnxMl.AttributeProto.AttributeType.INT)
                                .setI(TensorProto.DataType.FLOAT_VALUE)))
                .addNode(node("Mul", "pf", "x_scale", "ps"))
                .addNode(node("Mul", "ps", "w_scale", "y")));
    }

    /** {@code y = a + b} over {@value #ADD_ELEMENTS} FP32 values: 12 bytes moved per element, memory-bound. */
    static byte[] add() {
        return model(GraphProto.newBuilder().setName("add")
                .addInput(floats("a", ADD_ELEMENTS)).addInput(floats("b", ADD_ELEMENTS)).addOutput(floats("y", ADD_ELEMENTS))
                .addNode(node("Add", "a", "b", "y")));
    }

    /**
     * {@value #CHAIN_LENGTH} Sigmoids in a row on {@value #CHAIN_WIDTH} values: almost no work,
     * so the time is the per-operator overhead. Sigmoid because no optimizer folds a chain of them.
     */
    static byte[] chain() {
        return chain(CHAIN_LENGTH);
    }

    /** A chain of {@code length} Sigmoids on {@value #CHAIN_WIDTH} values, input x0 [1, 16]. */
    static byte[] chain(int length) {
        GraphProto.Builder g = GraphProto.newBuilder().setName("chain")
                .addInput(floats("x0", 1, CHAIN_WIDTH)).addOutput(floats("x" + length, 1, CHAIN_WIDTH));
        for (int i = 0; i < length; i++) {
            g.addNode(NodeProto.newBuilder().setOpType("Sigmoid").addInput("x" + i).addOutput("x" + (i + 1)));
        }
        return model(g);
    }

    private static NodeProto node(String op, String a, String b, String out) {
        return NodeProto.newBuilder().setOpType(op).addInput(a).addInput(b).addOutput(out).build();
    }

    private static ValueInfoProto floats(String name, int... dims) {
        return ValueInfoProto.newBuilder().setName(name).setType(type(TensorProto.DataType.FLOAT_VALUE, dims)).build();
    }

    private static TypeProto type(int elementType, int... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (int d : dims) {
            shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder().setElemType(elementType).setShape(shape))
                .build();
    }

    private static byte[] model(GraphProto.Builder graph) {
        return ModelProto.newBuilder().setIrVersion(10).setProducerName("netloom-host-calibration")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(21))
                .setGraph(graph).build().toByteArray();
    }
}
