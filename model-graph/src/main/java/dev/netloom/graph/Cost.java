package dev.netloom.graph;

/**
 * What a layer, or a whole graph, costs for one example.
 *
 * <p>Multiply-adds count the multiply-accumulate operations of matrix products and
 * convolutions, the convention of published model tables (MobileNetV2's "300M"); element-wise
 * work (activations, normalisation, pooling) is not counted. For a Mixture-of-Experts layer
 * the "active" figures count only the experts a token is routed to; elsewhere they equal the
 * totals.
 *
 * @param parameters trainable weights
 * @param activeParameters weights one token uses (MoE: router plus top-k experts)
 * @param multiplyAdds multiply-adds if every weight were used
 * @param activeMultiplyAdds multiply-adds actually done per example
 * @param activationBytes bytes of the layer's outputs plus its transient workspace (for example
 *     attention scores), at FP32
 */
public record Cost(long parameters, long activeParameters, long multiplyAdds, long activeMultiplyAdds,
                   long activationBytes) {

    public static final Cost ZERO = new Cost(0, 0, 0, 0, 0);

    public Cost {
        if (parameters < 0 || activeParameters < 0 || multiplyAdds < 0 || activeMultiplyAdds < 0
                || activationBytes < 0) {
            throw new IllegalArgumentException("costs cannot be negative");
        }
    }

    /** A cost where every weight is active. */
    public static Cost dense(long parameters, long multiplyAdds, long activationBytes) {
        return new Cost(parameters, parameters, multiplyAdds, multiplyAdds, activationBytes);
    }

    /** Weight bytes at the given precision. */
    public long weightBytes(Precision precision) {
        return precision.bytes(parameters);
    }

    /** Element-wise sum; throws {@link ArithmeticException} on overflow. */
    public Cost plus(Cost o) {
        return new Cost(
                Math.addExact(parameters, o.parameters),
                Math.addExact(activeParameters, o.activeParameters),
                Math.addExact(multiplyAdds, o.multiplyAdds),
                Math.addExact(activeMultiplyAdds, o.activeMultiplyAdds),
                Math.addExact(activationBytes, o.activationBytes));
    }
}
