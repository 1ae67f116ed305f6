package dev.netloom.graph.artifact;

import java.util.Arrays;
import java.util.Objects;

/**
 * A named array as safetensors stores it: 32-bit floats or 64-bit integers, with a shape.
 *
 * @param shape dimensions, outermost first
 * @param floats the values for F32, else null
 * @param longs the values for I64, else null
 */
public record Tensor(long[] shape, float[] floats, long[] longs) {

    public Tensor {
        shape = shape.clone();
        if ((floats == null) == (longs == null)) {
            throw new IllegalArgumentException("a tensor holds floats or longs");
        }
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
            }
            n = Math.multiplyExact(n, d);
        }
        if (n != (floats != null ? floats.length : longs.length)) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + n + " values, got "
                    + (floats != null ? floats.length : longs.length));
        }
    }

    public static Tensor of(float[] values, long... shape) {
        return new Tensor(shape, values, null);
    }

    public static Tensor ofLongs(long[] values, long... shape) {
        return new Tensor(shape, null, values);
    }

    /** The safetensors dtype name: F32 or I64. */
    public String dtype() {
        return floats != null ? "F32" : "I64";
    }

    public int size() {
        return floats != null ? floats.length : longs.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tensor t && Arrays.equals(shape, t.shape) && Arrays.equals(floats, t.floats)
                && Arrays.equals(longs, t.longs);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(shape), Arrays.hashCode(floats), Arrays.hashCode(longs));
    }

    @Override
    public String toString() {
        return dtype() + Arrays.toString(shape);
    }
}
