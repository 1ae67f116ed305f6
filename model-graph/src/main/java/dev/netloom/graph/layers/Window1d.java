package dev.netloom.graph.layers;

import dev.netloom.graph.TensorType;
import dev.netloom.graph.catalog.LayerContext;

/**
 * The output length of a kernel sliding along a [C, L] sequence, as PyTorch's Conv1d and the
 * 1-D pools and ONNX compute it: {@code floor((L + 2·padding − dilation·(kernel − 1) − 1) / stride) + 1}.
 * The 1-D twin of {@link SlidingWindow}, shared by Conv1d and the 1-D pools so they refuse a
 * too-long kernel with the same words.
 */
record Window1d(int kernel, int stride, int padding, int dilation) {

    /** Output length of this window over a [C, L] input. */
    int outputLength(LayerContext ctx, TensorType in) {
        int length = in.dim(1);
        long span = (long) dilation * (kernel - 1) + 1;
        if (span > length + 2L * padding) {
            String dilated = dilation > 1 ? " (spanning " + span + " with dilation " + dilation + ")" : "";
            throw ctx.fail("in", "kernel " + kernel + dilated + " is longer than the input length " + length
                    + (padding > 0 ? " plus padding " + padding : "") + "; use a smaller kernel or more padding");
        }
        long out = (length + 2L * padding - span) / stride + 1;
        return (int) out;
    }
}
