package dev.netloom.export.onnx;

import dev.netloom.graph.TensorKind;
import dev.netloom.graph.TensorType;
import dev.netloom.graph.catalog.LayerType;
import dev.netloom.graph.catalog.ParamSpec;
import dev.netloom.graph.layers.Concat;
import dev.netloom.graph.layers.PerPositionHead;
import dev.netloom.graph.layers.PositionalEmbedding;
import dev.netloom.graph.layers.Upsample;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The one place that maps a catalog layer type to ONNX operators, mirroring the training
 * engine's {@code LayerModules} computation for computation (same weight names and layouts, same
 * formulas), so the exported model reproduces the trained one. A registry keyed by
 * {@link LayerType}, built once; {@code OnnxLayersTest} goes over the whole catalog and fails naming
 * a type (other than an input, which is a graph input) without a writer.
 *
 * <p>Shapes are batch first: images [N, C, H, W], sequences [N, L, D], vectors [N, D], token
 * ids [N, L] (int64). A leading 0 in a Reshape keeps the batch.
 */
public final class OnnxLayers {

    private static final Map<LayerType, Function<NodeWriter, String>> WRITERS = writers();

    private static Map<LayerType, Function<NodeWriter, String>> writers() {
        Map<LayerType, Function<NodeWriter, String>> writers = new LinkedHashMap<>();
        writers.put(LayerType.DENSE, w -> w.linear(w.in(), "", dim(w, "in", -1), w.intParam("units"), w.boolParam("bias")));
        writers.put(LayerType.DROPOUT, NodeWriter::in); // identity at inference
        writers.put(LayerType.ACTIVATION, w -> w.activation(w.stringParam("function"), (float) w.doubleParam("slope"), w.in()));
        writers.put(LayerType.FLATTEN, w -> w.graph().op(OnnxOps.FLATTEN, w.id(), List.of(w.in()), Attr.of("axis", 1L)));
        writers.put(LayerType.RESHAPE, w -> w.reshape(w.in(), batched(w.report().out())));
        writers.put(LayerType.ADD, w -> w.graph().op(OnnxOps.ADD, w.id(), List.of(w.input("a"), w.input("b"))));
        writers.put(LayerType.CONCAT, w -> {
            List<String> parts = new ArrayList<>();
            for (String port : List.of("a", "b", "c", "d")) {
                w.optionalInput(port).ifPresent(parts::add);
            }
            long axis = Concat.featureAxis(w.report().inputs().get("a")) + 1;
            return w.graph().op(OnnxOps.CONCAT, w.id(), parts, Attr.of("axis", axis));
        });
        writers.put(LayerType.MULTIPLY, w -> w.graph().op("Mul", w.id(), List.of(w.input("a"), w.input("b"))));

        writers.put(LayerType.CONV1D, SequenceWriters::conv1d);
        writers.put(LayerType.CONV2D, w -> conv(w, w.intParam("groups")));
        writers.put(LayerType.CONV_TRANSPOSE2D, OnnxLayers::convTranspose);
        writers.put(LayerType.DEPTHWISE_CONV2D, w -> conv(w, dim(w, "in", 0)));
        writers.put(LayerType.MAX_POOL1D, w -> SequenceWriters.pool1d(w, true));
        writers.put(LayerType.MAX_POOL2D, w -> pool(w, "MaxPool"));
        writers.put(LayerType.AVG_POOL1D, w -> SequenceWriters.pool1d(w, false));
        writers.put(LayerType.AVG_POOL2D, w -> pool(w, "AveragePool"));
        writers.put(LayerType.GLOBAL_AVG_POOL, w -> w.report().inputs().get("in").kind() == TensorKind.IMAGE
                ? w.graph().op(OnnxOps.FLATTEN, w.id(), List.of(w.graph().op("GlobalAveragePool", w.id() + "/pooled",
                        List.of(w.in()))), Attr.of("axis", 1L))
                : w.reduceMean(w.in(), false, 1));
        writers.put(LayerType.GLOBAL_MAX_POOL, w -> w.report().inputs().get("in").kind() == TensorKind.IMAGE
                ? w.graph().op(OnnxOps.FLATTEN, w.id(), List.of(w.graph().op(OnnxOps.GLOBAL_MAX_POOL, w.id() + "/pooled",
                        List.of(w.in()))), Attr.of("axis", 1L))
                : w.reduceMax(w.in(), false, 1));
        writers.put(LayerType.SQUEEZE_EXCITE, ChannelWriters::squeezeExcite);
        writers.put(LayerType.UPSAMPLE, OnnxLayers::upsample);

        writers.put(LayerType.BATCH_NORM, w -> {
            long c = dim(w, "in", 0);
            return w.graph().op("BatchNormalization", w.id(), List.of(w.in(), w.fp32("gamma", c), w.fp32("beta", c),
                    w.fp32("runningMean", c), w.fp32("runningVariance", c)),
                    Attr.of("epsilon", (float) w.doubleParam("epsilon")));
        });
        writers.put(LayerType.GROUP_NORM, ChannelWriters::groupNorm);
        writers.put(LayerType.LAYER_NORM, w -> layerNorm(w, w.in(), "", (float) w.doubleParam("epsilon")));

        writers.put(LayerType.CLASS_TOKEN, SequenceWriters::classToken);
        writers.put(LayerType.EMBEDDING, w -> {
            TensorType in = w.report().inputs().get("in");
            String table = w.matrix("weight", in.vocabulary(), w.intParam("dim"));
            return w.graph().op("Gather", w.id(), List.of(table, w.in()));
        });
        writers.put(LayerType.POSITIONAL_EMBEDDING, w -> {
            long length = dim(w, "in", 0);
            long width = dim(w, "in", 1);
            String table = w.stringParam("mode").equals("learned") ? w.fp32("weight", length, width)
                    : w.graph().floats(w.id() + ".sinusoids", PositionalEmbedding.sinusoids((int) length, (int) width), length, width);
            return w.graph().op(OnnxOps.ADD, w.id(), List.of(w.in(), table));
        });
        writers.put(LayerType.PATCH_EMBEDDING, w -> {
            long c = dim(w, "in", 0);
            long p = w.intParam("patchSize");
            long d = w.intParam("dim");
            String maps = w.graph().op("Conv", w.id() + "/patches", List.of(w.in(), w.matrix("weight", d, c, p, p),
                    w.fp32("bias", d)), Attr.ints("kernel_shape", p, p), Attr.ints("strides", p, p));
            return w.transpose(w.reshape(maps, 0, d, -1), 0, 2, 1);
        });
        writers.put(LayerType.MULTI_HEAD_SELF_ATTENTION, w -> {
            long width = dim(w, "in", -1);
            return AttentionWriter.selfAttention(w, "", w.in(), width, w.intParam("heads"), w.boolParam("bias"),
                    w.boolParam("causal"));
        });
        writers.put(LayerType.TAKE_TOKEN, SequenceWriters::takeToken);
        writers.put(LayerType.TRANSFORMER_ENCODER_BLOCK, OnnxLayers::encoderBlock);
        writers.put(LayerType.CROSS_ATTENTION, OnnxLayers::crossAttention);
        writers.put(LayerType.GATED_FUSION, OnnxLayers::gatedFusion);
        writers.put(LayerType.GRU, RecurrentWriter::write);
        writers.put(LayerType.LSTM, RecurrentWriter::write);
        writers.put(LayerType.MOE, MoeWriter::write);

        writers.put(LayerType.CLASSIFICATION, w -> w.linear(w.in(), "", dim(w, "in", 0), w.intParam("classes"), true));
        writers.put(LayerType.PER_POSITION_CLASSIFICATION, w -> perPositionHead(w, w.intParam("classes")));
        writers.put(LayerType.PER_POSITION_REGRESSION, w -> perPositionHead(w, w.intParam("outputs")));
        writers.put(LayerType.REGRESSION, w -> w.linear(w.in(), "", dim(w, "in", 0), w.intParam("outputs"), true));
        return Collections.unmodifiableMap(writers);
    }

    private OnnxLayers() {
    }

    /** Whether a layer type can be written (input layers are graph inputs, not written). */
    public static boolean supports(LayerType type) {
        return WRITERS.containsKey(type);
    }

    /** Writes one node; returns the name of the tensor at its output. */
    static String write(LayerType type, NodeWriter w) {
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
        int[] k = ParamSpec.pair(w.report().params().get("kernel"));
        long d = w.intParam("dilation");
        List<String> inputs = NodeWriter.names(w.staticInput(w.in()), w.matrix("weight", out, in / groups, k[0], k[1]));
        if (w.boolParam("bias")) {
            inputs.add(w.fp32("bias", out));
        }
        return w.staticOutput(w.graph().op("Conv", w.id(), inputs, Attr.ints("kernel_shape", k[0], k[1]), strides(w),
                pads(w), Attr.ints("dilations", d, d), Attr.of("group", groups)));
    }

    /** ConvTranspose with PyTorch's weight layout [in, out, k, k]; rows (for quantization) are the input channels. */
    private static String convTranspose(NodeWriter w) {
        long in = dim(w, "in", 0);
        long out = w.report().out().dim(0);
        long k = w.intParam("kernel");
        long s = w.intParam("stride");
        long p = w.intParam("padding");
        long op = w.intParam("outputPadding");
        List<String> inputs = NodeWriter.names(w.staticInput(w.in()), w.matrix("weight", in, out, k, k));
        if (w.boolParam("bias")) {
            inputs.add(w.fp32("bias", out));
        }
        return w.staticOutput(w.graph().op("ConvTranspose", w.id(), inputs, Attr.ints("kernel_shape", k, k),
                Attr.ints("strides", s, s), Attr.ints("pads", p, p, p, p), Attr.ints("output_padding", op, op)));
    }

    /**
     * Resize by the scale with the coordinate mode that computes what PyTorch's interpolate does at
     * align_corners=False: nearest takes pixel floor(x / s) (asymmetric, floor); bilinear samples at
     * (x + 0.5) / s − 0.5 (half_pixel). No region of interest (an empty input name).
     */
    private static String upsample(NodeWriter w) {
        float s = w.intParam("scale");
        String scales = w.graph().floats(w.id() + ".scales", new float[] {1, 1, s, s}, 4);
        boolean bilinear = Upsample.bilinear(w.report().params());
        return bilinear
                ? w.graph().op("Resize", w.id(), List.of(w.in(), "", scales), Attr.of("mode", "linear"),
                        Attr.of("coordinate_transformation_mode", "half_pixel"))
                : w.graph().op("Resize", w.id(), List.of(w.in(), "", scales), Attr.of("mode", "nearest"),
                        Attr.of("coordinate_transformation_mode", "asymmetric"), Attr.of("nearest_mode", "floor"));
    }

    /** A linear layer at every position: on a sequence's last axis, or on a feature map's channels moved last and back. */
    private static String perPositionHead(NodeWriter w, long size) {
        TensorType in = w.report().inputs().get("in");
        if (!PerPositionHead.overPixels(in)) {
            return w.linear(w.in(), "", in.dim(1), size, true);
        }
        String last = w.transpose(w.in(), 0, 2, 3, 1);
        return w.transpose(w.linear(last, "", in.dim(0), size, true), 0, 3, 1, 2);
    }

    private static String pool(NodeWriter w, String op) {
        int[] k = ParamSpec.pair(w.report().params().get("kernel"));
        if (op.equals("AveragePool")) { // the training engine counts padding in the average
            int[] p = ParamSpec.pair(w.report().params().get("padding"));
            if (p[0] != p[1]) {
                // ONNX Runtime's AveragePool from opset 19 clamps the bottom of a window by the left
                // padding (pads[1] for pads[2], onnxruntime issue 26708, fixed in 2026): with padding
                // that differs between height and width it averages wrongly. Zeros padded by a Pad
                // operator and a pool without padding compute the same as count_include_pad, everywhere.
                String padded = w.graph().op("Pad", w.id() + "/padded", List.of(w.in(),
                        w.graph().int64s(w.id() + ".pads", 0, 0, p[0], p[1], 0, 0, p[0], p[1])));
                return w.graph().op(op, w.id(), List.of(padded), Attr.ints("kernel_shape", k[0], k[1]), strides(w));
            }
            return w.graph().op(op, w.id(), List.of(w.in()), Attr.ints("kernel_shape", k[0], k[1]), strides(w),
                    pads(w), Attr.of("count_include_pad", 1L));
        }
        return w.graph().op(op, w.id(), List.of(w.in()), Attr.ints("kernel_shape", k[0], k[1]), strides(w), pads(w));
    }

    private static ai.onnx.proto.OnnxMl.AttributeProto strides(NodeWriter w) {
        int[] s = ParamSpec.pair(w.report().params().get("stride"));
        return Attr.ints("strides", s[0], s[1]);
    }

    /** ONNX pads are (top, left, bottom, right): the same padding on both ends of each side. */
    private static ai.onnx.proto.OnnxMl.AttributeProto pads(NodeWriter w) {
        int[] p = ParamSpec.pair(w.report().params().get("padding"));
        return Attr.ints("pads", p[0], p[1], p[0], p[1]);
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
        x = w.graph().op(OnnxOps.ADD, w.id() + "/residual1", List.of(x,
                AttentionWriter.selfAttention(w, "attention.", h, width, w.intParam("heads"), true, w.boolParam("causal"))));
        String m = layerNorm(w, x, "norm2", 1e-5f);
        m = w.linear(w.activation(w.stringParam("activation"), w.linear(m, "mlp.up", width, hidden, true)),
                "mlp.down", hidden, width, true);
        return w.graph().op(OnnxOps.ADD, w.id(), List.of(x, m));
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
        String out = AttentionWriter.write(w, "", q, c, query.dim(-1), contextWidth, w.intParam("heads"), true,
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
        String joined = w.graph().op(OnnxOps.CONCAT, w.id() + "/joined", raw, Attr.of("axis", -1L));
        String gate = w.softmax(w.linear(joined, "gate", total, widths.size(), true), -1); // [N, M]
        String sum = null;
        int m = 0;
        for (Map.Entry<String, Long> e : widths.entrySet()) {
            String projected = w.linear(w.input(e.getKey()), e.getKey(), e.getValue(), dimension, true);
            String weighted = w.graph().op("Mul", w.id() + "/weighted_" + e.getKey(),
                    List.of(projected, w.slice(gate, 1, m, m + 1)));
            sum = sum == null ? weighted : w.graph().op(OnnxOps.ADD, w.id() + "/sum", List.of(sum, weighted));
            m++;
        }
        return sum;
    }

}
