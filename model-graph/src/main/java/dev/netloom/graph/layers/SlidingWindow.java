package dev.netloom.graph.layers;

import dev.netloom.graph.TensorType;
import dev.netloom.graph.catalog.LayerContext;

/**
 * The output size of a kernel sliding over a picture, as PyTorch and ONNX compute it, per axis:
 * {@code floor((in + 2·padding − dilation·(kernel − 1) − 1) / stride) + 1}. Shared by every
 * convolution and pooling layer so they refuse a too-large kernel with the same words. Kernel,
 * stride and padding may differ between height and width (a 1x7 kernel); dilation is the same on both.
 */
record SlidingWindow(int kernelH, int kernelW, int strideH, int strideW, int paddingH, int paddingW, int dilation) {

    /** A square window. */
    SlidingWindow(int kernel, int stride, int padding, int dilation) {
        this(kernel, kernel, stride, stride, padding, padding, dilation);
    }

    /** The window of a layer's {@code kernel}, {@code stride} and {@code padding} (sizes in two dimensions). */
    static SlidingWindow of(LayerContext ctx, int dilation) {
        int[] k = ctx.pairParam("kernel");
        int[] s = ctx.pairParam("stride");
        int[] p = ctx.pairParam("padding");
        return new SlidingWindow(k[0], k[1], s[0], s[1], p[0], p[1], dilation);
    }

    /** "3x3", or "1x7" */
    String kernelText() {
        return kernelH + "x" + kernelW;
    }

    /** Output [height, width] of this window over a [C, H, W] input. */
    int[] outputSize(LayerContext ctx, TensorType in) {
        int h = in.dim(1);
        int w = in.dim(2);
        long spanH = (long) dilation * (kernelH - 1) + 1;
        long spanW = (long) dilation * (kernelW - 1) + 1;
        if (spanH > h + 2L * paddingH || spanW > w + 2L * paddingW) {
            String dilated = dilation > 1 ? " (spanning " + (spanH == spanW ? "" + spanH : spanH + "x" + spanW) + " with dilation " + dilation + ")" : "";
            String padding = paddingH == paddingW ? (paddingH > 0 ? " plus padding " + paddingH : "")
                    : " plus padding " + paddingH + "x" + paddingW;
            throw ctx.fail("in", "kernel " + kernelText() + dilated + " is larger than the input " + h + "x" + w
                    + padding + "; use a smaller kernel or more padding");
        }
        long outH = (h + 2L * paddingH - spanH) / strideH + 1;
        long outW = (w + 2L * paddingW - spanW) / strideW + 1;
        if (outH > Integer.MAX_VALUE || outW > Integer.MAX_VALUE) {
            throw ctx.fail("in", "the output would be " + outH + "x" + outW + ", larger than a dimension holds ("
                    + Integer.MAX_VALUE + "); use a smaller input or less padding");
        }
        return new int[] {(int) outH, (int) outW};
    }
}
