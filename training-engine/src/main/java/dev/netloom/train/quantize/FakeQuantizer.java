package dev.netloom.train.quantize;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.netloom.graph.Precision;
import dev.netloom.graph.quantize.WeightRole;
import dev.netloom.graph.quantize.WeightRule;

/**
 * Fake quantization of one weight tensor with a straight-through estimator: the forward pass
 * computes with the weights as the exported file will hold them ({@link WeightRule#seenAs},
 * the exporter's own rule, run on the current values), while the gradient flows to the
 * full-precision weights as if rounding were the identity (Bengio et al. 2013; BitNet b1.58,
 * XNOR-Net and QAT in PyTorch train this way).
 *
 * <p>The rounding is done in Java, not in tensor operations, because it must give the exporter's
 * exact floats (FP16-rounded scales, block cutting, MatMulNBits' power-of-two blocks); it costs
 * one copy of the tensor each way per forward pass, small beside the pass itself.
 *
 * @param precision what the weight is trained for
 * @param role how its layer uses it
 * @param rule the rounding rule
 */
public record FakeQuantizer(Precision precision, WeightRole role, WeightRule rule) {

    /**
     * The weight as the forward pass should see it.
     *
     * @param w the full-precision weight (a parameter's value, with its gradient)
     * @param manager where the rounded copy lives (the batch's manager, closed after the step)
     * @param training true: {@code w + stopGradient(q(w) − w)}, whose gradient with respect to
     *        {@code w} is the identity; false: exactly {@code q(w)}
     */
    public NDArray apply(NDArray w, NDManager manager, boolean training) {
        NDArray rounded = manager.create(rounded(w.toFloatArray(), w.getShape().getShape()), w.getShape());
        return training ? w.add(rounded.sub(w).stopGradient()) : rounded;
    }

    /** The rounded values of a tensor of this shape, rows being the first dimension. */
    public float[] rounded(float[] values, long[] shape) {
        int rows = shape.length == 0 ? 1 : (int) shape[0];
        int cols = values.length / Math.max(1, rows);
        return rule.seenAs(values, rows, cols, precision, role);
    }
}
