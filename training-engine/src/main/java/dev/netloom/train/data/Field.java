package dev.netloom.train.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * One field of a set of examples, stored flat: {@code count × exampleSize} floats (pictures,
 * features) or token ids. Kept as plain arrays so that datasets are cheap to split and batch and
 * nothing here depends on DJL.
 *
 * @param name the field's name, for example {@code "image"} or {@code "question"}
 * @param kind what it holds
 * @param shape the shape of one example, for example {@code [1, 28, 28]}
 * @param floats the values of every example, one after another; null for token ids
 * @param ids the token ids of every example; null for floats
 */
public record Field(String name, FieldKind kind, int[] shape, float[] floats, long[] ids) {

    public Field {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        shape = shape.clone();
        if ((kind == FieldKind.TOKENS || kind == FieldKind.MASK) != (ids != null) || (floats == null) == (ids == null)) {
            throw new IllegalArgumentException("field " + name + ": token and mask fields hold ids, other fields floats");
        }
        int length = floats != null ? floats.length : ids.length;
        if (exampleSize(shape) == 0 || length % exampleSize(shape) != 0) {
            throw new IllegalArgumentException("field " + name + ": " + length + " values do not divide into examples of "
                    + Arrays.toString(shape));
        }
    }

    public static Field floats(String name, FieldKind kind, int[] shape, float[] values) {
        return new Field(name, kind, shape, values, null);
    }

    public static Field tokens(String name, int length, long[] ids) {
        return new Field(name, FieldKind.TOKENS, new int[] {length}, null, ids);
    }

    /** A class per position for every example ({@link FieldKind#MASK}); {@code shape} is one example's, [H, W] or [L]. */
    public static Field mask(String name, int[] shape, long[] classes) {
        return new Field(name, FieldKind.MASK, shape, null, classes);
    }

    /** Values in one example. */
    public int exampleSize() {
        return exampleSize(shape);
    }

    /** Number of examples. */
    public int count() {
        return (floats != null ? floats.length : ids.length) / exampleSize();
    }

    /** The examples at the given rows, in that order. */
    public Field select(int[] rows) {
        int size = exampleSize();
        if (floats != null) {
            float[] out = new float[rows.length * size];
            for (int i = 0; i < rows.length; i++) {
                System.arraycopy(floats, rows[i] * size, out, i * size, size);
            }
            return new Field(name, kind, shape, out, null);
        }
        long[] out = new long[rows.length * size];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(ids, rows[i] * size, out, i * size, size);
        }
        return new Field(name, kind, shape, null, out);
    }

    /** The examples of every part, one after another; the parts must agree in name, kind and shape. */
    public static Field concat(java.util.List<Field> parts) {
        Field first = parts.get(0);
        int total = 0;
        for (Field f : parts) {
            if (!f.name.equals(first.name) || f.kind != first.kind || !Arrays.equals(f.shape, first.shape)) {
                throw new IllegalArgumentException("field " + f + " cannot join " + first);
            }
            total = Math.addExact(total, f.floats != null ? f.floats.length : f.ids.length);
        }
        if (first.floats != null) {
            float[] out = new float[total];
            int at = 0;
            for (Field f : parts) {
                System.arraycopy(f.floats, 0, out, at, f.floats.length);
                at += f.floats.length;
            }
            return new Field(first.name, first.kind, first.shape, out, null);
        }
        long[] out = new long[total];
        int at = 0;
        for (Field f : parts) {
            System.arraycopy(f.ids, 0, out, at, f.ids.length);
            at += f.ids.length;
        }
        return new Field(first.name, first.kind, first.shape, null, out);
    }

    private static int exampleSize(int[] shape) {
        int n = 1;
        for (int d : shape) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Field f && name.equals(f.name) && kind == f.kind && Arrays.equals(shape, f.shape)
                && Arrays.equals(floats, f.floats) && Arrays.equals(ids, f.ids);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, kind, Arrays.hashCode(shape), Arrays.hashCode(floats), Arrays.hashCode(ids));
    }

    @Override
    public String toString() {
        return name + " " + kind + " " + Arrays.toString(shape) + " x " + count();
    }
}
