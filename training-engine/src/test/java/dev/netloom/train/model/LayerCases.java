package dev.netloom.train.model;

import dev.netloom.graph.Edge;
import dev.netloom.graph.Graph;
import dev.netloom.graph.Node;
import dev.netloom.graph.PortRef;
import dev.netloom.graph.Position;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Small graphs that between them use every catalog layer type, each named for what it
 * exercises. The training engine's per-layer tests train them; the app's export tests write them
 * to ONNX (through this module's test jar), so both sides are checked on the same graphs.
 */
public final class LayerCases {

    private LayerCases() {
    }

    /** A graph per case: its name says which layer types it exercises. */
    public record Case(String name, Set<String> covers, Graph graph) {
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

    public static Stream<Case> cases() {
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
                new Case("conv1d signal", Set.of("Conv1d", "MaxPool1d", "AvgPool1d"), new Draw()
                        .node("in", "Tabular", "features", 24).node("sig", "Reshape", "shape", List.of(2, 12))
                        .node("conv", "Conv1d", "filters", 4, "kernel", 3, "padding", 1, "groups", 2, "bias", false)
                        .node("act", "Activation", "function", "ReLU").node("wide", "Conv1d", "filters", 4, "kernel", 3, "padding", 2, "dilation", 2)
                        .node("max", "MaxPool1d", "kernel", 3, "stride", 2, "padding", 1)
                        .node("avg", "AvgPool1d", "kernel", 2, "stride", 1)
                        .node("gmax", "MaxPool1d", "global", true).node("gavg", "AvgPool1d", "global", true)
                        .node("concat", "Concat").node("head", "Classification", "classes", 2)
                        .chain("in", "sig", "conv", "act", "wide", "max", "avg", "gmax").chain("avg", "gavg")
                        .edge("gmax.out", "concat.a").edge("gavg.out", "concat.b").chain("concat", "head").build()),
                new Case("rectangular kernels, strides and pools, group norm", Set.of("Conv2d", "DepthwiseConv2d",
                        "GroupNorm", "MaxPool2d", "AvgPool2d"), new Draw()
                        .node("in", "Image", "height", 6, "width", 6, "channels", 2)
                        .node("conv", "Conv2d", "filters", 4, "kernel", List.of(1, 3), "padding", List.of(0, 1))
                        .node("gn", "GroupNorm", "groups", 2, "epsilon", 1e-3)
                        .node("dw", "DepthwiseConv2d", "kernel", List.of(3, 1), "stride", List.of(2, 1),
                                "padding", List.of(1, 0))                                    // 3x6
                        .node("max", "MaxPool2d", "kernel", List.of(1, 2), "stride", List.of(1, 2),
                                "padding", List.of(0, 1))                                    // 3x4
                        // Padding that differs between height and width: written as Pad + AveragePool (OnnxLayers).
                        .node("avg", "AvgPool2d", "kernel", List.of(3, 1), "stride", 1, "padding", List.of(1, 0))
                        .node("flat", "Flatten").node("head", "Classification", "classes", 2)
                        .chain("in", "conv", "gn", "dw", "max", "avg", "flat", "head").build()),
                new Case("squeeze-excite, hard activations, channel gate, global max pool", Set.of("SqueezeExcite",
                        "Multiply", "GlobalMaxPool", "Activation", "Reshape"), new Draw()
                        .node("in", "Image", "height", 6, "width", 6, "channels", 3)
                        .node("conv", "Conv2d", "filters", 8, "kernel", 1, "padding", 0)
                        .node("hswish", "Activation", "function", "Hardswish")
                        .node("se1", "SqueezeExcite", "squeeze", 4, "activation", "ReLU", "gate", "Hardsigmoid")
                        .node("se2", "SqueezeExcite", "squeeze", 2, "activation", "SiLU", "gate", "Sigmoid")
                        .node("leaky", "Activation", "function", "LeakyReLU", "slope", 0.1)
                        .node("gap", "GlobalAvgPool").node("fc", "Dense", "units", 8)
                        .node("hsig", "Activation", "function", "Hardsigmoid")
                        .node("gate", "Reshape", "shape", List.of(8, 1, 1)).node("mul", "Multiply")
                        .node("gmp", "GlobalMaxPool").node("head", "Classification", "classes", 2)
                        .chain("in", "conv", "hswish", "se1", "se2", "leaky")
                        .chain("hswish", "gap", "fc", "hsig", "gate")
                        .edge("leaky.out", "mul.a").edge("gate.out", "mul.b").chain("mul", "gmp", "head").build()),
                new Case("global max pool over a sequence", Set.of("GlobalMaxPool"), new Draw()
                        .node("in", "Tokens", "length", 5, "vocabulary", 12).node("emb", "Embedding", "dim", 6)
                        .node("gmp", "GlobalMaxPool").node("head", "Classification", "classes", 2)
                        .chain("in", "emb", "gmp", "head").build()),
                new Case("decoder: transposed convolution and upsampling", Set.of("ConvTranspose2d", "Upsample"),
                        new Draw()
                        .node("in", "Image", "height", 5, "width", 4, "channels", 2)
                        .node("down", "Conv2d", "filters", 3, "kernel", 3, "stride", 2, "padding", 1)
                        .node("up", "ConvTranspose2d", "filters", 4, "kernel", 3, "stride", 2, "padding", 1, "outputPadding", 1)
                        .node("near", "Upsample", "scale", 2, "mode", "nearest")
                        .node("bilin", "Upsample", "scale", 3, "mode", "bilinear")
                        .node("plain", "ConvTranspose2d", "filters", 2, "kernel", 2, "stride", 2, "bias", false)
                        .node("pool", "GlobalAvgPool").node("head", "Classification", "classes", 2)
                        .chain("in", "down", "up", "near", "bilin", "plain", "pool", "head").build()),
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
                new Case("class token, take first and last", Set.of("ClassToken", "TakeToken"), new Draw()
                        .node("in", "Tokens", "length", 5, "vocabulary", 20).node("emb", "Embedding", "dim", 8)
                        .node("cls", "ClassToken")
                        .node("block", "TransformerEncoderBlock", "heads", 2, "mlpRatio", 2, "dropout", 0.0)
                        .node("first", "TakeToken", "index", 0).node("last", "TakeToken", "index", -1)
                        .node("concat", "Concat").node("head", "Classification", "classes", 2)
                        .chain("in", "emb", "cls", "block", "first").chain("block", "last")
                        .edge("first.out", "concat.a").edge("last.out", "concat.b").chain("concat", "head").build()),
                // Every position reaches the head (pooled), so a mask that is wrong or missing changes the output.
                new Case("causal attention", Set.of("MultiHeadSelfAttention", "TransformerEncoderBlock"), new Draw()
                        .node("in", "Tokens", "length", 6, "vocabulary", 20).node("emb", "Embedding", "dim", 8)
                        .node("att", "MultiHeadSelfAttention", "heads", 2, "causal", true)
                        .node("block", "TransformerEncoderBlock", "heads", 2, "mlpRatio", 2, "dropout", 0.0, "causal", true)
                        .node("pool", "GlobalAvgPool").node("head", "Classification", "classes", 2)
                        .chain("in", "emb", "att", "block", "pool", "head").build()),
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
                new Case("gru and lstm, one way and both ways", Set.of("GRU", "LSTM"), new Draw()
                        .node("in", "Tabular", "features", 15).node("seq", "Reshape", "shape", List.of(5, 3))
                        .node("gru", "GRU", "hidden", 4, "bidirectional", true, "returns", "sequence")
                        .node("lstm", "LSTM", "hidden", 3, "returns", "sequence")
                        .node("gru2", "GRU", "hidden", 2, "returns", "last")
                        .node("lstm2", "LSTM", "hidden", 2, "bidirectional", true, "returns", "last")
                        .node("pool", "GlobalAvgPool").node("concat", "Concat").node("head", "Classification", "classes", 2)
                        .chain("in", "seq", "gru", "lstm", "pool").chain("lstm", "gru2").chain("gru", "lstm2")
                        .edge("pool.out", "concat.a").edge("gru2.out", "concat.b").edge("lstm2.out", "concat.c")
                        .chain("concat", "head").build()),
                new Case("mixture of experts", Set.of("MoE"), new Draw()
                        .node("in", "Tokens", "length", 6, "vocabulary", 12).node("emb", "Embedding", "dim", 8)
                        .node("moe", "MoE", "experts", 3, "topK", 3, "hidden", 8, "routerNoise", 0.1)
                        .node("pool", "GlobalAvgPool").node("head", "Classification", "classes", 2)
                        .chain("in", "emb", "moe", "pool", "head").build()),
                new Case("per-pixel classification", Set.of("PerPositionClassification"), new Draw()
                        .node("in", "Image", "height", 6, "width", 5, "channels", 2)
                        .node("conv", "Conv2d", "filters", 4).node("seg", "PerPositionClassification", "classes", 3)
                        .chain("in", "conv", "seg").build()),
                new Case("per-token tagging", Set.of("PerPositionClassification"), new Draw()
                        .node("t", "Tokens", "length", 5, "vocabulary", 10).node("emb", "Embedding", "dim", 6)
                        .node("tag", "PerPositionClassification", "classes", 4).chain("t", "emb", "tag").build()),
                new Case("per-pixel regression", Set.of("PerPositionRegression"), new Draw()
                        .node("img", "Image", "height", 4, "width", 3, "channels", 3)
                        .node("depth", "PerPositionRegression", "outputs", 2).chain("img", "depth").build()),
                new Case("regression head", Set.of("Regression"), new Draw()
                        .node("in", "Tabular", "features", 3).node("head", "Regression", "outputs", 2)
                        .chain("in", "head").build()));
    }
}
