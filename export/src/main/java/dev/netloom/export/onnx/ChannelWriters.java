package dev.netloom.export.onnx;

import java.util.List;

/**
 * ONNX writers of the layers that work per channel of a feature map [N, C, H, W]: Squeeze-and-
 * Excitation and group normalisation. Each mirrors its training-engine module step for step
 * ({@code SqueezeExciteModule}, {@code GroupNormModule}), with the same weight names.
 */
final class ChannelWriters {

    private ChannelWriters() {
    }

    /**
     * GlobalAveragePool and Flatten to [N, C]; {@code reduce} and the activation; {@code expand} and
     * the gate; Reshape to [N, C, 1, 1] and Mul into the map.
     */
    static String squeezeExcite(NodeWriter w) {
        long c = OnnxLayers.dim(w, "in", 0);
        long s = w.intParam("squeeze");
        String pooled = w.graph().op("GlobalAveragePool", w.id() + "/pooled", List.of(w.in()));
        String summary = w.graph().op(OnnxOps.FLATTEN, w.id() + "/summary", List.of(pooled), Attr.of("axis", 1L));
        String squeezed = w.activation(w.stringParam("activation"), w.linear(summary, "reduce", c, s, true));
        String gate = w.activation(w.stringParam("gate"), w.linear(squeezed, "expand", s, c, true));
        return w.graph().op("Mul", w.id(), List.of(w.in(), w.reshape(gate, 0, c, 1, 1)));
    }

    /**
     * Group normalisation in operators every opset the writer targets has (GroupNormalization came
     * in opset 18 and changed its scale from per group to per channel in 21): Reshape to
     * [N, groups, C/groups·H·W], InstanceNormalization with scale 1 and shift 0 (each group
     * normalised over its values), Reshape back, then the per-channel {@code gamma} and {@code beta}.
     */
    static String groupNorm(NodeWriter w) {
        long c = OnnxLayers.dim(w, "in", 0);
        long h = OnnxLayers.dim(w, "in", 1);
        long width = OnnxLayers.dim(w, "in", 2);
        long groups = w.intParam("groups");
        float[] ones = new float[(int) groups];
        java.util.Arrays.fill(ones, 1f);
        String grouped = w.reshape(w.in(), 0, groups, -1);
        String normalised = w.graph().op("InstanceNormalization", w.id() + "/normalised", List.of(grouped,
                w.graph().floats(w.id() + ".ones", ones, groups), w.graph().floats(w.id() + ".zeros", new float[(int) groups],
                        groups)), Attr.of("epsilon", (float) w.doubleParam("epsilon")));
        String back = w.reshape(normalised, 0, c, h, width);
        // Written as [C, 1, 1] so they broadcast over the pixels without an operator of their own.
        String gamma = w.graph().floats(w.id() + ".gamma", w.values("gamma", c), c, 1, 1);
        String beta = w.graph().floats(w.id() + ".beta", w.values("beta", c), c, 1, 1);
        String scaled = w.graph().op("Mul", w.id() + "/scaled", List.of(back, gamma));
        return w.graph().op(OnnxOps.ADD, w.id(), List.of(scaled, beta));
    }
}
