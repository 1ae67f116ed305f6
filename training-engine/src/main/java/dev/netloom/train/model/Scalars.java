package dev.netloom.train.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Arithmetic between an array that may record gradients and a constant. Training code uses these
 * instead of DJL's {@code mul(Number)}, {@code div(Number)}, {@code minimum(Number)} (and what is
 * built on them: {@code Activation.relu6}, {@code Activation.swish}).
 *
 * <p>Why: DJL 0.36 turns the number into a tensor over a Java direct buffer without copying
 * ({@code from_blob}) and closes that array as soon as the operation returns. Autograd keeps the
 * tensor for the backward pass (a product's gradient is the other factor), but its memory is the
 * Java buffer's, which the JVM frees at its next garbage collection. A collection between forward
 * and backward made backward read freed memory: the step's loss was the same to the bit, its
 * gradients were not, and a run drifted apart from the same run with the same seed (the demo now
 * and then in one step of several hundred; every step when a collection is forced there, see
 * {@code GarbageCollectionMidStepTest}). Here the constant is a tensor libtorch allocates and owns,
 * which autograd keeps alive for as long as it needs it. The results are bit for bit DJL's.
 */
public final class Scalars {

    private Scalars() {
    }

    /** {@code x × c}. */
    public static NDArray times(NDArray x, float c) {
        try (NDArray scalar = of(x, c)) {
            return x.mul(scalar);
        }
    }

    /** {@code x ÷ c}. */
    public static NDArray dividedBy(NDArray x, float c) {
        try (NDArray scalar = of(x, c)) {
            return x.div(scalar);
        }
    }

    /** {@code min(x, c)} element by element. */
    public static NDArray atMost(NDArray x, float c) {
        try (NDArray scalar = of(x, c)) {
            return x.minimum(scalar);
        }
    }

    /** {@code max(x, c)} element by element. */
    public static NDArray atLeast(NDArray x, float c) {
        try (NDArray scalar = of(x, c)) {
            return x.maximum(scalar);
        }
    }

    /** A 0-dimensional array of {@code x}'s type holding {@code c}, in memory libtorch owns. */
    private static NDArray of(NDArray x, float c) {
        return x.getManager().full(new Shape(), c, x.getDataType());
    }
}
