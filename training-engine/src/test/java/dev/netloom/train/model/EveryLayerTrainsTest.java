package dev.netloom.train.model;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.engine.Engine;
import dev.netloom.graph.Edge;
import dev.netloom.graph.Graph;
import dev.netloom.graph.Node;
import dev.netloom.graph.PortRef;
import dev.netloom.graph.Position;
import dev.netloom.graph.TensorType;
import dev.netloom.graph.analysis.GraphAnalysis;
import dev.netloom.graph.analysis.GraphAnalyzer;
import dev.netloom.graph.catalog.LayerCatalog;
import dev.netloom.graph.catalog.LayerSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
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
 * The contract every layer type meets: it has a module, it trains a step, and every one of its
 * trainable weights gets a non-zero, finite gradient. Each case is a small graph around the layer.
 */
class EveryLayerTrainsTest {

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

    @Test
    void everyCatalogTypeHasAModuleAndATrainingCase() {
        Set<String> covered = new TreeSet<>();
        cases().forEach(c -> covered.addAll(c.covers()));
        Set<String> all = new TreeSet<>(CATALOG.all().stream().map(LayerSpec::type).toList());
        assertThat(covered).containsExactlyInAnyOrderElementsOf(all);
        all.forEach(type -> assertThat(LayerModules.supports(type)).as(type).isTrue());
    }

    @ParameterizedTest
    @MethodSource("cases")
    void everyTrainableWeightGetsAGradient(Case c) {
        GraphAnalysis analysis = new GraphAnalyzer(CATALOG).analyze(c.graph());
        assertThat(analysis.problems()).as(c.name()).isEmpty();
        Engine.getInstance().setRandomSeed(1);
        GraphBlock block = new GraphBlock(analysis);
        try (Model model = Model.newInstance(c.name())) {
            model.setBlock(block);
            NDManager m = model.getNDManager();
            int batch = 4;
            List<Shape> shapes = new ArrayList<>();
            NDList inputs = new NDList();
            for (String id : block.inputIds()) {
                TensorType t = analysis.report(id).orElseThrow().out();
                Shape s = GraphBlock.batched(batch, t);
                shapes.add(s);
                inputs.add(t.vocabulary() > 0 ? m.randomInteger(0, t.vocabulary(), s, DataType.INT64) : m.randomNormal(s));
            }
            block.initialize(m, DataType.FLOAT32, shapes.toArray(Shape[]::new));
            for (Parameter p : block.weightsByName().values()) {
                p.getArray().setRequiresGradient(p.requiresGradient());
            }
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDList out = block.forward(new ParameterStore(m, false), inputs, true);
                NDArray objective = out.get(0).square().mean().add(out.get(out.size() - 1));
                collector.backward(objective);
            }
            block.weightsByName().forEach((name, p) -> {
                if (p.requiresGradient()) {
                    NDArray g = p.getArray().getGradient();
                    assertThat(g.isNaN().any().getBoolean()).as("%s: NaN gradient for %s", c.name(), name).isFalse();
                    assertThat(g.abs().sum().getFloat()).as("%s: zero gradient for %s", c.name(), name).isPositive();
                }
            });
        }
    }
}
