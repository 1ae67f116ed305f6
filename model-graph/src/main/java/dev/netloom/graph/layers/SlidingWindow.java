package dev.netloom.graph.layers;

import dev.netloom.graph.TensorType;
import dev.netloom.graph.catalog.LayerContext;

/**
 * The output size of a kernel sliding over a picture, as PyTorch and ONNX compute it:
 * {@code floor((in + 2·padding − dilation·(kernel − 1) − 1) / stride) + 1}. Shared by every
 * convolution and pooling layer so they refuse a too-large kernel with the same words.
 */
record SlidingWindow(int kernel, int stride, int padding, int dilation) {

    /** Output [height, width] of this window over a [C, H, W] input. */
    int[] outputSize(LayerContext ctx, TensorType in) {
        int h = in.dim(1);
        int w = in.dim(2);
        long span = (long) dilation * (kernel - 1) + 1;
        if (span > h + 2L * padding || span > w + 2L * padding) {
            String dilated = dilation > 1 ? " (spanning " + span + " with dilation " + dilation + ")" : "";
            throw ctx.fail("in", "kernel " + kernel + "x" + kernel + dilated + " is larger than the input " + h + "x" + w
                    + (padding > 0 ? " plus padding " + padding : "") + "; use a smaller kernel or more padding");
        }
        long outH = (h + 2L * padding - span) / stride + 1;
        long outW = (w + 2L * padding - span) / stride + 1;
        if (outH > Integer.MAX_VALUE || outW > Integer.MAX_VALUE) {
            throw ctx.fail("in", "the output would be " + outH + "x" + outW + ", larger than a dimension holds ("
                    + Integer.MAX_VALUE + "); use a smaller input or less padding");
        }
        return new int[] {(int) outH, (int) outW};
    }
}
