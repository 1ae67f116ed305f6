package dev.netloom.app.export;

import dev.netloom.devices.PrecisionPlan;
import dev.netloom.export.ExportOptions;
import dev.netloom.export.onnx.OnnxLayers;
import dev.netloom.export.onnx.OnnxModel;
import dev.netloom.export.onnx.OnnxWriter;
import dev.netloom.export.verify.OnnxSession;
import dev.netloom.graph.Edge;
import dev.netloom.graph.Graph;
import dev.netloom.graph.Node;
import dev.netloom.graph.PortRef;
import dev.netloom.graph.Position;
import dev.netloom.graph.Precision;
import dev.netloom.graph.artifact.Tensor;
import dev.netloom.graph.catalog.Category;
import dev.netloom.graph.catalog.LayerCatalog;
import dev.netloom.graph.catalog.LayerSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Parity of the ONNX writer with the training engine, for every layer type at every precision.
 * The reference is the engine's own forward pass (DJL), run with the weights the exported file
 * computes with (rounded to FP16, or quantized and dequantized), so a wrong packing, layout,
 * scale or operator shows as a difference. The graphs are the training engine's per-layer cases
 * (EveryLayerTrainsTest), drawn again here because test code is not shared between modules.
 */
class EveryLayerExportsTest {

    private static final LayerCatalog CATALOG = LayerCatalog.standard();

    /** A graph per case: its name says which layer types it exercises. */
    record Case(String name, Set<String> covers, Graph graph) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final class Draw {
        final List<Node> nodes = new ArrayList<>();
        final List<Edge> edges = new ArrayList<>();

        Draw node(String id, String type, Object... params) {
            Map<String, Object> p = new LinkedHashMap<>();
            for (int i = 0; i < params.length; i += 2) {
                p.put((String) params[i], params[i + 1]);
            }
            nodes.add(new Node(id, type, p, Position.ORIGIN, ""));
            return this;
        }

        Draw edge(String from, String to) {
            edges.add(new Edge(PortRef.parse(from), PortRef.parse(to)));
            return this;
        }

        Draw chain(String... ids) {
            for (int i = 1; i < ids.length; i++) {
                edge(ids[i - 1] + ".out", ids[i] + ".in");
            }
            return this;
        }

        Graph build() {
            return new Graph(nodes, edges);
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("dense mlp", Set.of("Tabular", "Dense", "Dropout", "Activation", "Classification"), new Draw()
                        .node("in", "Tabular", "features", 6).node("fc", "Dense", "units", 8)
                        .node("drop", "Dropout", "rate", 0.2).node("act", "Activation", "function", "GELU")
                        .node("head", "Classification", "classes", 3).chain("in", "fc", "drop", "act", "head").build()),
                new Case("conv net", Set.of("Image", "Conv2d", "BatchNorm", "MaxPool2d", "AvgPool2d", "DepthwiseConv2d",
                        "GlobalAvgPool", "Flatten", "Add"), new Draw()
                        .node("in", "Image", "height", 8, "width", 8, "channels", 2)
                        .node("conv", "Conv2d", "filters", 4, "kernel", 3, "padding", 1, "groups", 2, "bias", false)
                        .node("bn", "BatchNorm").node("dw", "DepthwiseConv2d", "kernel", 3, "padding", 1)
                        .node("add", "Add").node("max", "MaxPool2d").node("avg", "AvgPool2d", "kernel", 2, "stride", 1)
                        .node("flat", "Flatten").node("head", "Classification", "classes", 2)
                        .chain("in", "conv", "bn", "dw").edge("bn.out", "add.a").edge("dw.out", "add.b")
                        .chain("add", "max", "avg", "flat", "head").build()),
                new Case("conv to gap", Set.of("GlobalAvgPool", "Reshape", "Concat"), new Draw()
                        .node("in", "Image", "height", 4, "width", 4, "channels", 1)
                        .node("conv", "Conv2d", "filters", 3).node("gap", "GlobalAvgPool")
                        .node("reshape", "Reshape", "shape", List.of(16)).node("concat", "Concat")
                        .node("head", "Classification", "classes", 2)
                        .chain("in", "conv", "gap").edge("in.out", "reshape.in")
                        .edge("gap.out", "concat.a").edge("reshape.out", "concat.b").chain("concat", "head").build()),
                new Case("text transformer", Set.of("Tokens", "Embedding", "PositionalEmbedding", "MultiHeadSelfAttention",
                        "TransformerEncoderBlock", "LayerNorm"), new Draw()
                        .node("in", "Tokens", "length", 5, "vocabulary", 20).node("emb", "Embedding", "dim", 8)
                        .node("pos", "PositionalEmbedding", "mode", "learned").node("att", "MultiHeadSelfAttention", "heads", 2)
                        .node("block", "TransformerEncoderBlock", "heads", 2, "mlpRatio", 2, "dropout", 0.0)
                        .node("norm", "LayerNorm").node("pool", "GlobalAvgPool").node("head", "Classification", "classes", 2)
                        .chain("in", "emb", "pos", "att", "block", "norm", "pool", "head").build()),
                new Case("sinusoidal positions", Set.of("PositionalEmbedding"), new Draw()
                        .node("in", "Tokens", "length", 4, "vocabulary", 10).node("emb", "Embedding", "dim", 6)
                        .node("pos", "PositionalEmbedding", "mode", "sinusoidal").node("pool", "GlobalAvgPool")
                        .node("head", "Classification", "classes", 2).chain("in", "emb", "pos", "pool", "head").build()),
                new Case("vision transformer", Set.of("PatchEmbedding"), new Draw()
                        .node("in", "Image", "height", 8, "width", 8, "channels", 3)
                        .node("patch", "PatchEmbedding", "patchSize", 4, "dim", 8)
                        .node("block", "TransformerEncoderBlock", "heads", 2, "mlpRatio", 1, "dropout", 0.0)
                        .node("pool", "GlobalAvgPool").node("head", "Classification", "classes", 2)
                        .chain("in", "patch", "block", "pool", "head").build()),
                new Case("cross attention over a feature map, gated fusion", Set.of("CrossAttention", "GatedFusion"), new Draw()
                        .node("img", "Image", "height", 4, "width", 4, "channels", 1).node("conv", "Conv2d", "filters", 8)
                        .node("q", "Tokens", "length", 3, "vocabulary", 10).node("emb", "Embedding", "dim", 8)
                        .node("look", "CrossAttention", "heads", 2, "variant", "softmax")
                        .node("qpool", "GlobalAvgPool").node("ipool", "GlobalAvgPool")
                        .node("fuse", "GatedFusion", "dim", 6).node("head", "Classification", "classes", 2)
                        .chain("img", "conv").chain("q", "emb").edge("emb.out", "look.query").edge("conv.out", "look.context")
                        .chain("look", "qpool").chain("conv", "ipool").edge("qpool.out", "fuse.a").edge("ipool.out", "fuse.b")
                        .chain("fuse", "head").build()),
                new Case("linear cross attention, vector query, three-way fusion", Set.of("CrossAttention", "GatedFusion"),
                        new Draw()
                        .node("a", "Tabular", "features", 4).node("qa", "Dense", "units", 8)
                        .node("t", "Tokens", "length", 5, "vocabulary", 10).node("emb", "Embedding", "dim", 6)
                        .node("look", "CrossAttention", "heads", 2, "variant", "linear")
                        .node("b", "Tabular", "features", 3)
                        .node("tpool", "GlobalAvgPool")
                        .node("fuse", "GatedFusion", "dim", 5).node("head", "Classification", "classes", 2)
                        .chain("a", "qa").edge("qa.out", "look.query").chain("t", "emb").edge("emb.out", "look.context")
                        .chain("emb", "tpool")
                        .edge("look.out", "fuse.a").edge("b.out", "fuse.b").edge("tpool.out", "fuse.c")
                        .chain("fuse", "head").build()),
                new Case("mixture of experts", Set.of("MoE"), new Draw()
                        .node("in", "Tokens", "length", 6, "vocabulary", 12).node("emb", "Embedding", "dim", 8)
                        .node("moe", "MoE", "experts", 3, "topK", 3, "hidden", 8, "routerNoise", 0.1)
                        .node("pool", "GlobalAvgPool").node("head", "Classification", "classes", 2)
                        .chain("in", "emb", "moe", "pool", "head").build()),
                new Case("regression head", Set.of("Regression"), new Draw()
                        .node("in", "Tabular", "features", 3).node("head", "Regression", "outputs", 2)
                        .chain("in", "head").build()));
    }


    /** A precision with the writer options that reach each of its code paths, and the allowed difference. */
    record Setting(String name, Precision precision, ExportOptions options, double tolerance) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Setting> settings() {
        ExportOptions d = ExportOptions.defaults();
        return List.of(
                new Setting("fp32 opset 21", Precision.FP32, d, 1e-4),
                new Setting("fp32 opset 17", Precision.FP32, d.withOpset(17), 1e-4),
                new Setting("fp16", Precision.FP16, d, 1e-4),
                new Setting("int8 weight-only", Precision.INT8, d.withInt8(ExportOptions.Int8Mode.WEIGHT_ONLY), 1e-4),
                new Setting("int8 weight-only opset 17", Precision.INT8,
                        d.withOpset(17).withInt8(ExportOptions.Int8Mode.WEIGHT_ONLY), 1e-4),
                // Dynamic INT8 and MatMulNBits quantize activations too: close, not equal.
                new Setting("int8 dynamic", Precision.INT8, d, 0.05),
                new Setting("int4 MatMulNBits", Precision.INT4, d.withBlockSize(16), 0.05),
                new Setting("int4 DequantizeLinear", Precision.INT4,
                        d.withInt4(ExportOptions.Int4Layout.DEQUANTIZE_LINEAR).withBlockSize(16), 1e-4),
                new Setting("int4 unpacked opset 17", Precision.INT4,
                        d.withOpset(17).withInt4(ExportOptions.Int4Layout.DEQUANTIZE_LINEAR).withBlockSize(16), 1e-4),
                new Setting("2-bit", Precision.INT2, d.withBlockSize(16), 1e-4),
                new Setting("1-bit", Precision.INT1, d.withBlockSize(16), 1e-4));
    }

    static Stream<Arguments> casesAtEveryPrecision() {
        return cases().flatMap(c -> settings().stream().map(s -> Arguments.of(c, s)));
    }

    @Test
    void everyCatalogTypeHasAWriterAndACase() {
        Set<String> covered = new TreeSet<>();
        cases().forEach(c -> covered.addAll(c.covers()));
        Set<String> all = new TreeSet<>(CATALOG.all().stream().map(LayerSpec::type).toList());
        assertThat(covered).containsExactlyInAnyOrderElementsOf(all);
        CATALOG.all().stream().filter(s -> s.category() != Category.INPUTS)
                .forEach(s -> assertThat(OnnxLayers.supports(s.type())).as(s.type()).isTrue());
    }

    @ParameterizedTest(name = "{0} at {1}")
    @MethodSource("casesAtEveryPrecision")
    void theExportComputesWhatTheEngineComputesWithTheSameWeights(Case c, Setting s) {
        try (DjlReference reference = new DjlReference(c.graph(), 3, 7)) {
            OnnxModel onnx = new OnnxWriter("test").write(reference.artifact(c.name()),
                    PrecisionPlan.uniform(s.precision()), s.options());
            float[] expected = reference.outputsWith(onnx.effectiveWeights());
            float[] actual;
            try (OnnxSession session = OnnxSession.open(onnx.bytes(), 1)) {
                actual = session.run(reference.inputs).values().iterator().next().floats();
            }
            assertThat(actual).hasSameSizeAs(expected);
            double scale = 1;
            for (float e : expected) {
                scale = Math.max(scale, Math.abs(e));
            }
            for (int i = 0; i < expected.length; i++) {
                assertThat((double) Math.abs(actual[i] - expected[i])).as("%s at %s: output %d (%s vs engine %s)",
                        c.name(), s.name(), i, actual[i], expected[i]).isLessThanOrEqualTo(s.tolerance() * scale);
            }
        }
    }

    /** The official ONNX checker (Debian python3-onnx 1.12: opset <= 17, IR <= 8) on FP32 and INT8 files. */
    @Test
    void opset17FilesPassTheOfficialOnnxChecker(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        // CI installs the checker and sets NETLOOM_REQUIRE_ONNX_CHECKER=1, so there this test cannot skip quietly.
        if (!"1".equals(System.getenv("NETLOOM_REQUIRE_ONNX_CHECKER"))) {
            org.junit.jupiter.api.Assumptions.assumeTrue(OnnxChecker.available(), "python3-onnx is not installed");
        }
        List<String> files = new ArrayList<>();
        for (Case c : cases().toList()) {
            try (DjlReference reference = new DjlReference(c.graph(), 2, 3)) {
                for (Precision p : List.of(Precision.FP32, Precision.INT8)) {
                    for (ExportOptions.Int8Mode mode : ExportOptions.Int8Mode.values()) {
                        OnnxModel onnx = new OnnxWriter("test").write(reference.artifact(c.name()), PrecisionPlan.uniform(p),
                                ExportOptions.defaults().withOpset(17).withInt8(mode));
                        java.nio.file.Path file = dir.resolve(c.name().replaceAll("\\W+", "-") + "-" + p + "-" + mode + ".onnx");
                        java.nio.file.Files.write(file, onnx.bytes());
                        files.add(file.toString());
                    }
                }
            }
        }
        assertThat(OnnxChecker.check(files)).isEmpty();
    }

    @Test
    void moeRoutingInOnnxChoosesTheExpertsTrainingChooses() {
        Case moe = cases().filter(c -> c.name().equals("mixture of experts")).findFirst().orElseThrow();
        // top-1 of 3 experts, so the choice matters; the engine's routing counts per expert must match ONNX's choices.
        Graph graph = withParam(moe.graph(), "moe", "topK", 1);
        try (DjlReference reference = new DjlReference(graph, 16, 5)) {
            reference.outputs();
            long[] engine = reference.model.block().lastRouting().get("moe");
            OnnxModel onnx = new OnnxWriter("test").write(reference.artifact("moe"), PrecisionPlan.uniform(Precision.FP32),
                    ExportOptions.defaults(), List.of(OnnxWriter.routingOutput("moe")));
            long[] chosen;
            try (OnnxSession session = OnnxSession.open(onnx.bytes(), 1)) {
                chosen = session.run(reference.inputs).get(OnnxWriter.routingOutput("moe")).longs();
            }
            long[] counts = new long[engine.length];
            for (long e : chosen) {
                counts[(int) e]++;
            }
            assertThat(counts).containsExactly(engine);
            assertThat(java.util.Arrays.stream(counts).filter(n -> n > 0).count()).as("more than one expert used").isGreaterThan(1);
        }
    }

    private static Graph withParam(Graph g, String nodeId, String param, Object value) {
        List<Node> nodes = new ArrayList<>();
        for (Node n : g.nodes()) {
            if (n.id().equals(nodeId)) {
                Map<String, Object> p = new LinkedHashMap<>(n.params());
                p.put(param, value);
                nodes.add(new Node(n.id(), n.type(), p, n.position(), n.label()));
            } else {
                nodes.add(n);
            }
        }
        return new Graph(nodes, g.edges());
    }
}
