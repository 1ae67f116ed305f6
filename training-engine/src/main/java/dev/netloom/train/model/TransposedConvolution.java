package dev.netloom.train.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;

/**
 * A 2-D transposed convolution ({@code ConvTranspose2d}) built from operators the PyTorch engine
 * binds, since DJL 0.36's PyTorch engine does not implement {@code deconvolution} ("Not
 * implemented"). Both forms compute PyTorch's {@code conv_transpose2d} sums exactly (only the order
 * of additions differs) and record gradients like any other DJL operator.
 *
 * <ul>
 *   <li>kernel = stride, no padding (the U-Net's 2×2 stride 2): every input pixel stamps its own
 *       k×k block, so it is one 1×1 convolution to {@code out·k·k} channels, rearranged into the
 *       blocks (a pixel shuffle) — no wasted products;</li>
 *   <li>otherwise: the input spread out with {@code stride − 1} zeros between pixels, padded by
 *       {@code kernel − 1 − padding} (plus {@code outputPadding} at the bottom and right; a
 *       negative pad crops), and convolved at stride 1 with the kernel flipped and its in/out
 *       channels swapped — the textbook identity, at {@code stride²} times the products.</li>
 * </ul>
 *
 * <p>Weights are [in, out, k, k] as PyTorch stores them; arrays are [N, C, H, W].
 */
final class TransposedConvolution {

    private final int kernel;
    private final int stride;
    private final int padding;
    private final int outputPadding;

    TransposedConvolution(int kernel, int stride, int padding, int outputPadding) {
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
        this.outputPadding = outputPadding;
    }

    /** {@code conv_transpose2d(x, weight, bias)}; {@code bias} may be null. */
    NDArray apply(NDArray x, NDArray weight, NDArray bias) {
        NDArray y = kernel == stride && padding == 0 && outputPadding == 0 ? stamped(x, weight) : spread(x, weight);
        return bias == null ? y : y.add(bias.reshape(1, -1, 1, 1));
    }

    private NDArray stamped(NDArray x, NDArray weight) {
        Shape s = x.getShape();
        long n = s.get(0);
        long h = s.get(2);
        long w = s.get(3);
        long in = weight.getShape().get(0);
        long out = weight.getShape().get(1);
        long k = kernel;
        NDArray perPixel = weight.reshape(in, out * k * k).transpose(1, 0).reshape(out * k * k, in, 1, 1);
        NDArray blocks = Conv2d.conv2d(x, perPixel).singletonOrThrow();      // [N, out·k·k, H, W]
        return blocks.reshape(n, out, k, k, h, w).transpose(0, 1, 4, 2, 5, 3) // [N, out, H, k, W, k]
                .reshape(n, out, h * k, w * k);
    }

    private NDArray spread(NDArray x, NDArray weight) {
        Shape s = x.getShape();
        long n = s.get(0);
        long c = s.get(1);
        long h = s.get(2);
        long w = s.get(3);
        NDArray spread = x;
        if (stride > 1) {
            NDArray cells = x.reshape(n, c, h, 1, w, 1);
            cells = NDArrays.concat(new NDList(cells, x.getManager().zeros(new Shape(n, c, h, stride - 1, w, 1),
                    x.getDataType())), 3);
            cells = NDArrays.concat(new NDList(cells, x.getManager().zeros(new Shape(n, c, h, stride, w, stride - 1),
                    x.getDataType())), 5);
            spread = cells.reshape(n, c, h * stride, w * stride)
                    .get(":, :, :{}, :{}", (h - 1) * stride + 1, (w - 1) * stride + 1);
        }
        long edge = kernel - 1L - padding;
        // (left, right, top, bottom) of the last two axes; a negative amount crops.
        NDArray padded = spread.pad(new Shape(edge, edge + outputPadding, edge, edge + outputPadding), 0);
        NDArray flipped = weight.transpose(1, 0, 2, 3).flip(2, 3);
        return Conv2d.conv2d(padded, flipped).singletonOrThrow();
    }
}
