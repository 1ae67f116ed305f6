package dev.netloom.export.onnx;

import dev.netloom.graph.layers.Pool1d;
import dev.netloom.graph.layers.TakeToken;

import java.util.List;

/**
 * ONNX writers of the sequence layers (Conv1d, the 1-D pools, ClassToken, TakeToken), as the training engine's
 * {@code LayerModules} computes them: signals [N, C, L] channels first (PyTorch's layout), token
 * sequences [N, T, D].
 */
final class SequenceWriters {

    private SequenceWriters() {
    }

    /** Conv over [N, C, L] with a [filters, C/groups, k] kernel at the node's precision. */
    static String conv1d(NodeWriter w) {
        long in = OnnxLayers.dim(w, "in", 0);
        long out = w.report().out().dim(0);
        long groups = w.intParam("groups");
        long k = w.intParam("kernel");
        long p = w.intParam("padding");
        List<String> inputs = NodeWriter.names(w.staticInput(w.in()), w.matrix("weight", out, in / groups, k));
        if (w.boolParam("bias")) {
            inputs.add(w.fp32("bias", out));
        }
        return w.staticOutput(w.graph().op("Conv", w.id(), inputs, Attr.ints("kernel_shape", k),
                Attr.ints("strides", (long) w.intParam("stride")), Attr.ints("pads", p, p),
                Attr.ints("dilations", (long) w.intParam("dilation")), Attr.of("group", groups)));
    }

    /** MaxPool / AveragePool (padding counted, as in training) over L; the global mode reduces L. */
    static String pool1d(NodeWriter w, boolean max) {
        if (Pool1d.isGlobal(w.report().params())) {
            return max ? reduceMax(w, w.in(), 2) : w.reduceMean(w.in(), false, 2);
        }
        long k = w.intParam("kernel");
        long s = w.intParam("stride");
        long p = w.intParam("padding");
        if (max) {
            return w.graph().op("MaxPool", w.id(), List.of(w.in()), Attr.ints("kernel_shape", k), Attr.ints("strides", s),
                    Attr.ints("pads", p, p));
        }
        return w.graph().op("AveragePool", w.id(), List.of(w.in()), Attr.ints("kernel_shape", k), Attr.ints("strides", s),
                Attr.ints("pads", p, p), Attr.of("count_include_pad", 1L));
    }

    /**
     * The learned token [D] put in front of [N, T, D]: reshaped to [1, 1, D] (folded at load),
     * expanded to [N, 1, D] with the batch read from the input's shape, joined on the token axis.
     */
    static String classToken(NodeWriter w) {
        OnnxGraph g = w.graph();
        long width = OnnxLayers.dim(w, "in", 1);
        String token = w.reshape(w.fp32("token", width), 1, 1, width);
        String batch = w.slice(g.op("Shape", w.id() + "/shape", List.of(w.in())), 0, 0, 1);
        String shape = g.op(OnnxOps.CONCAT, w.id() + "/token_shape", List.of(batch, g.int64s(w.id() + ".token_dims", 1, width)),
                Attr.of("axis", 0L));
        String tokens = g.op("Expand", w.id() + "/tokens", List.of(token, shape));
        return g.op(OnnxOps.CONCAT, w.id(), List.of(tokens, w.in()), Attr.of("axis", 1L));
    }

    /** Gather of one position on the token axis: [N, T, D] -> [N, D] (a scalar index drops the axis). */
    static String takeToken(NodeWriter w) {
        OnnxGraph g = w.graph();
        long position = TakeToken.fromFront(w.intParam("index"), (int) OnnxLayers.dim(w, "in", 0));
        return g.op("Gather", w.id(), List.of(w.in(), g.int64s(w.id() + ".index", new long[] {position}, new long[0])),
                Attr.of("axis", 1L));
    }

    /** ReduceMax over one axis, dropping it: axes are an attribute before opset 18 and an input from 18 on. */
    private static String reduceMax(NodeWriter w, String x, long axis) {
        OnnxGraph g = w.graph();
        if (g.opset() >= 18) {
            return g.op("ReduceMax", w.id() + "/max", List.of(x, g.int64s(w.id() + ".axes", axis)), Attr.of("keepdims", 0L));
        }
        return g.op("ReduceMax", w.id() + "/max", List.of(x), Attr.ints("axes", axis), Attr.of("keepdims", 0L));
    }
}
