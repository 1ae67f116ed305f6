package dev.netloom.export.onnx;

import ai.onnx.proto.OnnxMl;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.netloom.devices.PrecisionPlan;
import dev.netloom.export.Artifact;
import dev.netloom.export.ExportException;
import dev.netloom.export.ExportOptions;
import dev.netloom.export.verify.OnnxSession;
import dev.netloom.graph.Edge;
import dev.netloom.graph.Graph;
import dev.netloom.graph.Node;
import dev.netloom.graph.PortRef;
import dev.netloom.graph.Position;
import dev.netloom.graph.Precision;
import dev.netloom.graph.analysis.GraphAnalysis;
import dev.netloom.graph.analysis.GraphAnalyzer;
import dev.netloom.graph.artifact.Tensor;
import dev.netloom.graph.catalog.LayerCatalog;
import dev.netloom.graph.project.Project;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The writer on a graph small enough to compute by hand: features -> Dense(2) -> ReLU -> Classification(2). */
class OnnxWriterTest {

    private static Artifact artifact(Map<String, Tensor> weights) {
        Graph graph = new Graph(List.of(
                new Node("features", "Tabular", Map.of("features", 3), Position.ORIGIN, ""),
                new Node("hidden", "Dense", Map.of("units", 2), Position.ORIGIN, ""),
                new Node("relu", "Activation", Map.of("function", "ReLU"), Position.ORIGIN, ""),
                new Node("answer", "Classification", Map.of("classes", 2), Position.ORIGIN, "")),
                List.of(edge("features", "hidden"), edge("hidden", "relu"), edge("relu", "answer")));
        GraphAnalysis analysis = new GraphAnalyzer(LayerCatalog.standard()).analyze(graph);
        assertThat(analysis.problems()).isEmpty();
        return new Artifact(Path.of("tiny"), new Project("tiny", "", graph, Map.of()), analysis, weights, Map.of(),
                List.of("no", "yes"), List.of(), MissingNode.getInstance(), MissingNode.getInstance(),
                MissingNode.getInstance());
    }

    private static Edge edge(String from, String to) {
        return new Edge(new PortRef(from, "out"), new PortRef(to, "in"));
    }

    private static Map<String, Tensor> handWeights() {
        Map<String, Tensor> w = new LinkedHashMap<>();
        w.put("hidden.weight", Tensor.of(new float[] {1, 0, -1, 0.5f, 0.5f, 0.5f}, 2, 3)); // (out, in)
        w.put("hidden.bias", Tensor.of(new float[] {0, -1}, 2));
        w.put("answer.weight", Tensor.of(new float[] {1, 1, 2, -1}, 2, 2));
        w.put("answer.bias", Tensor.of(new float[] {0.5f, 0}, 2));
        return w;
    }

    @Test
    void computesWhatTheHandComputes() {
        OnnxModel model = new OnnxWriter("test").write(artifact(handWeights()), PrecisionPlan.uniform(Precision.FP32),
                ExportOptions.defaults());
        // x = [2, 1, 0]: hidden = [2 - 0, 0.5·3 - 1] = [2, 0.5]; relu same; answer = [2 + 0.5 + 0.5, 4 - 0.5] = [3, 3.5]
        try (OnnxSession session = OnnxSession.open(model.bytes(), 1)) {
            Tensor out = session.run(Map.of("features", Tensor.of(new float[] {2, 1, 0}, 1, 3))).get("answer");
            assertThat(out.floats()).containsExactly(3f, 3.5f);
            assertThat(out.shape()).containsExactly(1, 2);
        }
        assertThat(model.inputs()).extracting(OnnxModel.Port::name).containsExactly("features");
        assertThat(model.outputs()).extracting(OnnxModel.Port::name).containsExactly("answer");
    }

    @Test
    void namesFollowTheStudioNodes() throws Exception {
        OnnxModel model = new OnnxWriter("test").write(artifact(handWeights()), PrecisionPlan.uniform(Precision.FP32),
                ExportOptions.defaults());
        OnnxMl.ModelProto proto = OnnxMl.ModelProto.parseFrom(model.bytes());
        assertThat(proto.getIrVersion()).isEqualTo(10);
        assertThat(proto.getOpsetImport(0).getVersion()).isEqualTo(21);
        assertThat(proto.getGraph().getNodeList()).allSatisfy(n ->
                assertThat(n.getName()).matches("(hidden|relu|answer)/.*"));
        assertThat(proto.getGraph().getInitializerList()).extracting(OnnxMl.TensorProto::getName)
                .contains("hidden.weight", "hidden.bias", "answer.weight", "answer.bias");
    }

    @Test
    void opset17IsIrVersion8() throws Exception {
        OnnxModel model = new OnnxWriter("test").write(artifact(handWeights()), PrecisionPlan.uniform(Precision.FP32),
                ExportOptions.defaults().withOpset(17));
        OnnxMl.ModelProto proto = OnnxMl.ModelProto.parseFrom(model.bytes());
        assertThat(proto.getIrVersion()).isEqualTo(8);
        assertThat(proto.getOpsetImport(0).getVersion()).isEqualTo(17);
    }

    @Test
    void aMissingTensorIsNamed() {
        Map<String, Tensor> w = handWeights();
        w.remove("answer.bias");
        assertThatThrownBy(() -> new OnnxWriter("test").write(artifact(w), PrecisionPlan.uniform(Precision.FP32),
                ExportOptions.defaults())).isInstanceOf(ExportException.class)
                .hasMessage("weights.safetensors: no tensor answer.bias (node answer needs it, shape [2])");
    }

    @Test
    void aWrongShapedTensorIsNamed() {
        Map<String, Tensor> w = handWeights();
        w.put("hidden.weight", Tensor.of(new float[6], 3, 2));
        assertThatThrownBy(() -> new OnnxWriter("test").write(artifact(w), PrecisionPlan.uniform(Precision.FP32),
                ExportOptions.defaults())).isInstanceOf(ExportException.class)
                .hasMessage("weights.safetensors: tensor hidden.weight has shape [3, 2], the graph needs [2, 3]");
    }

    @Test
    void aTensorOfAnotherModelIsRefused() {
        Map<String, Tensor> w = handWeights();
        w.put("conv9.weight", Tensor.of(new float[1], 1));
        assertThatThrownBy(() -> new OnnxWriter("test").write(artifact(w), PrecisionPlan.uniform(Precision.FP32),
                ExportOptions.defaults())).isInstanceOf(ExportException.class)
                .hasMessageContaining("tensor conv9.weight belongs to no layer of the graph");
    }

    @Test
    void quantizedLayersReportTheirBitsAndPrecision() {
        OnnxModel model = new OnnxWriter("test").write(artifact(handWeights()),
                new PrecisionPlan(Precision.INT8, Map.of("answer", Precision.FP32)), ExportOptions.defaults());
        assertThat(model.precisionPerLayer()).containsEntry("hidden", Precision.INT8).containsEntry("answer", Precision.FP32);
        // hidden: rows of 3 share one FP16 scale: 6 weights at 8 bits + 16 = 64 bits; answer: 4 weights at 32 bits.
        assertThat(model.bitsPerWeight()).isEqualTo((64 + 128) / 10.0);
    }

    /**
     * The encodings chosen so every ONNX Runtime and CPU computes the same (the conformance suite
     * checks the answers in onnxruntime-node 1.20.1 and newer; this pins the forms): no
     * DequantizeLinear on weights, uint8 x uint8 MatMulInteger, MatMulNBits in FP32.
     */
    @Test
    void quantizedFormsAreTheOnesEveryRuntimeComputesTheSame() throws Exception {
        OnnxMl.ModelProto dynamic = OnnxMl.ModelProto.parseFrom(new OnnxWriter("test").write(artifact(handWeights()),
                PrecisionPlan.uniform(Precision.INT8), ExportOptions.defaults()).bytes());
        OnnxMl.NodeProto matMulInteger = dynamic.getGraph().getNodeList().stream()
                .filter(n -> n.getOpType().equals("MatMulInteger")).findFirst().orElseThrow();
        assertThat(matMulInteger.getInputCount()).as("weight zero point given").isEqualTo(4);
        OnnxMl.TensorProto weights = initializer(dynamic, matMulInteger.getInput(1));
        OnnxMl.TensorProto zero = initializer(dynamic, matMulInteger.getInput(3));
        assertThat(weights.getDataType()).isEqualTo(OnnxMl.TensorProto.DataType.UINT8_VALUE);
        assertThat(zero.getRawData().toByteArray()).containsExactly((byte) 128);
        // hidden.weight (out, in) = [[1, 0, -1], [0.5, 0.5, 0.5]] per tensor, scale 1/127: codes 127, 0, -127, 64...
        // stored transposed (in, out) with +128: the negative weight is code 1, not 0 or 255.
        assertThat(weights.getRawData().byteAt(2 * 2) & 0xff).isEqualTo(128 - 127);

        for (ExportOptions options : List.of(ExportOptions.defaults().withInt8(ExportOptions.Int8Mode.WEIGHT_ONLY),
                ExportOptions.defaults().withOpset(17).withInt8(ExportOptions.Int8Mode.WEIGHT_ONLY))) {
            OnnxMl.ModelProto weightOnly = OnnxMl.ModelProto.parseFrom(new OnnxWriter("test").write(artifact(handWeights()),
                    PrecisionPlan.uniform(Precision.INT8), options).bytes());
            assertThat(weightOnly.getGraph().getNodeList()).extracting(OnnxMl.NodeProto::getOpType)
                    .doesNotContain("DequantizeLinear", "MatMulInteger");
        }
        OnnxMl.ModelProto int4 = OnnxMl.ModelProto.parseFrom(new OnnxWriter("test").write(artifact(handWeights()),
                PrecisionPlan.uniform(Precision.INT4), ExportOptions.defaults()).bytes());
        assertThat(int4.getGraph().getNodeList().stream().filter(n -> n.getOpType().equals("MatMulNBits"))
                .flatMap(n -> n.getAttributeList().stream()).filter(a -> a.getName().equals("accuracy_level")))
                .extracting(OnnxMl.AttributeProto::getI).containsOnly(0L).isNotEmpty();
    }

    @Test
    void provenanceIsAddedAsMetadataWithoutChangingTheGraph() throws Exception {
        OnnxModel model = new OnnxWriter("test").write(artifact(handWeights()), PrecisionPlan.uniform(Precision.FP32),
                ExportOptions.defaults());
        OnnxModel stamped = model.withMetadata(Map.of("netloom.graph_sha256", "ab".repeat(32)));
        OnnxMl.ModelProto proto = OnnxMl.ModelProto.parseFrom(stamped.bytes());
        assertThat(proto.getMetadataPropsList()).extracting(OnnxMl.StringStringEntryProto::getKey, OnnxMl.StringStringEntryProto::getValue)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("netloom.graph_sha256", "ab".repeat(32)));
        assertThat(proto.getGraph()).isEqualTo(OnnxMl.ModelProto.parseFrom(model.bytes()).getGraph());
    }

    private static OnnxMl.TensorProto initializer(OnnxMl.ModelProto m, String name) {
        return m.getGraph().getInitializerList().stream().filter(t -> t.getName().equals(name)).findFirst().orElseThrow();
    }
}
