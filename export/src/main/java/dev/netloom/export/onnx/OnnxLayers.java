package dev.netloom.export.onnx;

import dev.netloom.graph.TensorKind;
import dev.netloom.graph.TensorType;
import dev.netloom.graph.layers.Concat;
import dev.netloom.graph.layers.PositionalEmbedding;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The one place that maps a catalog layer type to ONNX operators, mirroring the training
 * engine's {@code LayerModules} computation for computation (same weight names and layouts, same
 * formulas), so the exported model reproduces the trained one. {@code OnnxLayersTest} goes over
 * the whole catalog and fails for a type without a writer.
 *
 * <p>Shapes are batch first: images [N, C, H, W], sequences [N, L, D], vectors [N, D], token
 * ids [N, L] (int64). A leading 0 in a Reshape keeps the batch.
 */
public final class OnnxLayers {

    private static final Map<String, Function<NodeWriter, String>> WRITERS = new LinkedHashMap<>();

    static {
        WRITERS.put("Dense", w -> w.linear(w.in(), "", dim(w, "in", -1), w.intParam("units"), w.boolParam("bias")));
        WRITERS.put("Dropout", NodeWriter::in); // identity at inference
        WRITERS.put("Activation", w -> w.activation(w.stringParam("function"), w.in()));
        WRITERS.put("Flatten", w -> w.graph().op("Flatten", w.id(), List.of(w.in()), Attr.of("axis", 1L)));
        WRITERS.put("Reshape", w -> w.reshape(w.in(), batched(w.report().out())));
        WRITERS.put("Add", w -> w.graph().op("Add", w.id(), List.of(w.input("a"), w.input("b"))));
        WRITERS.put("Concat", w -> {
            List<String> parts = new ArrayList<>();
            for (String port : List.of("a", "b", "c", "d")) {
                w.optionalInput(port).ifPresent(parts::add);
            }
            long axis = Concat.featureAxis(w.report().inputs().get("a")) + 1;
            return w.graph().op("Concat", w.id(), parts, Attr.of("axis", axis));
        });

        WRITERS.put("Conv2d", w -> conv(w, w.intParam("groups")));
        WRITERS.put("DepthwiseConv2d", w -> conv(w, dim(w, "in", 0)));
        WRITERS.put("MaxPool2d", w -> pool(w, "MaxPool"));
        WRITERS.put("AvgPool2d", w -> pool(w, "AveragePool"));
        WRITERS.put("GlobalAvgPool", w -> w.report().inputs().get("in").kind() == TensorKind.IMAGE
                ? w.graph().op("Flatten", w.id(), List.of(w.graph().op("GlobalAveragePool", w.id() + "/pooled",
                        List.of(w.in()))), Attr.of("axis", 1L))
                : w.reduceMean(w.in(), false, 1));

        WRITERS.put("BatchNorm", w -> {
            long c = dim(w, "in", 0);
            return w.graph().op("BatchNormalization", w.id(), List.of(w.in(), w.fp32("gamma", c), w.fp32("beta", c),
                    w.fp32("runningMean", c), w.fp32("runningVariance", c)),
                    Attr.of("epsilon", (float) w.doubleParam("epsilon")));
        });
        WRITERS.put("LayerNorm", w -> layerNorm(w, w.in(), "", (float) w.doubleParam("epsilon")));

        WRITERS.put("Embedding", w -> {
            TensorType in = w.report().inputs().get("in");
            String table = w.matrix("weight", in.vocabulary(), w.intParam("dim"));
            return w.graph().op("Gather", w.id(), List.of(table, w.in()));
        });
        WRITERS.put("PositionalEmbedding", w -> {
            long length = dim(w, "in", 0);
            long width = dim(w, "in", 1);
            String table = w.stringParam("mode").equals("learned") ? w.fp32("weight", length, width)
                    : w.graph().floats(w.id() + ".sinusoids", PositionalEmbedding.sinusoids((int) length, (int) width), length, width);
            return w.graph().op("Add", w.id(), List.of(w.in(), table));
        });
        WRITERS.put("PatchEmbedding", w -> {
            long c = dim(w, "in", 0);
            long p = w.intParam("patchSize");
            long d = w.intParam("dim");
            String maps = w.graph().op("Conv", w.id() + "/patches", List.of(w.in(), w.matrix("weight", d, c, p, p),
                    w.fp32("bias", d)), Attr.ints("kernel_shape", p, p), Attr.ints("strides", p, p));
            return w.transpose(w.reshape(maps, 0, d, -1), 0, 2, 1);
        });
        WRITERS.put("MultiHeadSelfAttention", w -> {
            long width = dim(w, "in", -1);
            return Attention.write(w, "", w.in(), w.in(), width, width, w.intParam("heads"), w.boolParam("bias"), false);
        });
        WRITERS.put("TransformerEncoderBlock", OnnxLayers::encoderBlock);
        WRITERS.put("CrossAttention", OnnxLayers::crossAttention);
        WRITERS.put("GatedFusion", OnnxLayers::gatedFusion);
        WRITERS.put("MoE", MixtureOfExperts::write);

        WRITERS.put("Classification", w -> w.linear(w.in(), "", dim(w, "in", 0), w.intParam("classes"), true));
        WRITERS.put("Regression", w -> w.linear(w.in(), "", dim(w, "in", 0), w.intParam("outputs"), true));
    }

    private OnnxLayers() {
    }

    /** Whether a layer type can be written (input layers are graph inputs, not written). */
    public static boolean supports(String type) {
        return WRITERS.containsKey(type);
    }

    /** Writes one node; returns the name of the tensor at its output. */
    static String write(String type, NodeWriter w) {
        Function<NodeWriter, String> writer = WRITERS.get(type);
        if (writer == null) {
            throw new dev.netloom.export.ExportException("node " + w.id() + ": layer type " + type
                    + " cannot be exported to ONNX yet");
        }
        return writer.apply(w);
    }

    static long dim(NodeWriter w, String port, int axis) {
        return w.report().inputs().get(port).dim(axis);
    }

    private static long[] batched(TensorType t) {
        long[] shape = new long[t.rank() + 1];
        for (int i = 0; i < t.rank(); i++) {
            shape[i + 1] = t.dim(i);
        }
        return shape; // shape[0] == 0 keeps the batch
    }

    private static String conv(NodeWriter w, long groups) {
        long in = dim(w, "in", 0);
        long out = w.report().out().dim(0);
        long k = w.intParam("kernel");
        long s = w.intParam("stride");
        long p = w.intParam("padding");
        long d = w.intParam("dilation");
        List<String> inputs = NodeWriter.names(w.staticInput(w.in()), w.matrix("weight", out, in / groups, k, k));
        if (w.boolParam("bias")) {
            inputs.add(w.fp32("bias", out));
        }
        return w.staticOutput(w.graph().op("Conv", w.id(), inputs, Attr.ints("kernel_shape", k, k), Attr.ints("strides", s, s),
                Attr.ints("pads", p, p, p, p), Attr.ints("dilations", d, d), Attr.of("group", groups)));
    }

    private static String pool(NodeWriter w, String op) {
        long k = w.intParam("kernel");
        long s = w.intParam("stride");
        long p = w.intParam("padding");
        if (op.equals("AveragePool")) { // the training engine counts padding in the average
            return w.graph().op(op, w.id(), List.of(w.in()), Attr.ints("kernel_shape", k, k), Attr.ints("strides", s, s),
                    Attr.ints("pads", p, p, p, p), Attr.of("count_include_pad", 1L));
        }
        return w.graph().op(op, w.id(), List.of(w.in()), Attr.ints("kernel_shape", k, k), Attr.ints("strides", s, s),
                Attr.ints("pads", p, p, p, p));
    }

    /** LayerNormalization on the last axis with {@code prefix.gamma} / {@code prefix.beta}. */
    static String layerNorm(NodeWriter w, String x, String prefix, float epsilon) {
        long width = w.report().inputs().get("in").dim(-1);
        return w.graph().op("LayerNormalization", w.id() + (prefix.isEmpty() ? "" : "/" + prefix), List.of(x,
                w.fp32(prefix.isEmpty() ? "gamma" : prefix + ".gamma", width),
                w.fp32(prefix.isEmpty() ? "beta" : prefix + ".beta", width)),
                Attr.of("axis", -1L), Attr.of("epsilon", epsilon));
    }

    /** Pre-norm block: x + Attention(LN1(x)), then x + MLP(LN2(x)) (dropout is identity here). */
    private static String encoderBlock(NodeWriter w) {
        long width = dim(w, "in", -1);
        long hidden = width * w.intParam("mlpRatio");
        String x = w.in();
        String h = layerNorm(w, x, "norm1", 1e-5f);
        x = w.graph().op("Add", w.id() + "/residual1", List.of(x,
                Attention.write(w, "attention.", h, h, width, width, w.intParam("heads"), true, false)));
        String m = layerNorm(w, x, "norm2", 1e-5f);
        m = w.linear(w.activation(w.stringParam("activation"), w.linear(m, "mlp.up", width, hidden, true)),
                "mlp.down", hidden, width, true);
        return w.graph().op("Add", w.id(), List.of(x, m));
    }

    private static String crossAttention(NodeWriter w) {
        TensorType query = w.report().inputs().get("query");
        TensorType context = w.report().inputs().get("context");
        boolean map = context.kind() == TensorKind.IMAGE;
        boolean single = query.kind() == TensorKind.VECTOR;
        long contextWidth = map ? context.dim(0) : context.dim(1);
        String q = single ? w.unsqueeze(w.input("query"), 1) : w.input("query");
        String c = w.input("context");
        if (map) { // [N, C, H, W] -> [N, H·W, C]: each pixel is a position
            c = w.transpose(w.reshape(c, 0, contextWidth, -1), 0, 2, 1);
        }
        String out = Attention.write(w, "", q, c, query.dim(-1), contextWidth, w.intParam("heads"), true,
                w.stringParam("variant").equals("linear"));
        return single ? w.squeeze(out, 1) : out;
    }

    /** Each input projected to dim, weighted by a softmax gate over the inputs side by side. */
    private static String gatedFusion(NodeWriter w) {
        Map<String, Long> widths = new LinkedHashMap<>();
        for (String port : List.of("a", "b", "c")) {
            if (w.report().inputs().containsKey(port)) {
                widths.put(port, (long) w.report().inputs().get(port).dim(0));
            }
        }
        long dimension = w.intParam("dim");
        long total = widths.values().stream().mapToLong(Long::longValue).sum();
        List<String> raw = new ArrayList<>();
        widths.keySet().forEach(port -> raw.add(w.input(port)));
        String joined = w.graph().op("Concat", w.id() + "/joined", raw, Attr.of("axis", -1L));
        String gate = w.softmax(w.linear(joined, "gate", total, widths.size(), true), -1); // [N, M]
        String sum = null;
        int m = 0;
        for (Map.Entry<String, Long> e : widths.entrySet()) {
            String projected = w.linear(w.input(e.getKey()), e.getKey(), e.getValue(), dimension, true);
            String weighted = w.graph().op("Mul", w.id() + "/weighted_" + e.getKey(),
                    List.of(projected, w.slice(gate, 1, m, m + 1)));
            sum = sum == null ? weighted : w.graph().op("Add", w.id() + "/sum", List.of(sum, weighted));
            m++;
        }
        return sum;
    }

}
