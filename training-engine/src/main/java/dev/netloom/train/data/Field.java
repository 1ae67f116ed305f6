package dev.netloom.train.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * One field of a set of examples, stored flat: {@code count × exampleSize} floats (features,
 * pictures made by drawing or resizing), pictures as decoded bytes ({@link PictureCodes}, a
 * quarter of the memory), or token ids. Kept as plain arrays so that datasets are cheap to split
 * and batch and nothing here depends on DJL.
 *
 * @param name the field's name, for example {@code "image"} or {@code "question"}
 * @param kind what it holds
 * @param shape the shape of one example, for example {@code [1, 28, 28]}
 * @param floats the values of every example, one after another; null for token ids and codes
 * @param ids the token ids of every example; null otherwise
 * @param codes pictures as bytes with their standardisation; null otherwise
 */
public record Field(String name, FieldKind kind, int[] shape, float[] floats, long[] ids, PictureCodes codes) {

    public Field {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        shape = shape.clone();
        int held = (floats != null ? 1 : 0) + (ids != null ? 1 : 0) + (codes != null ? 1 : 0);
        if ((kind == FieldKind.TOKENS || kind == FieldKind.MASK) != (ids != null) || held != 1) {
            throw new IllegalArgumentException("field " + name + ": token and mask fields hold ids, other fields floats");
        }
        if (codes != null && (kind != FieldKind.IMAGE || codes.normalisation().mean().length != shape[0])) {
            throw new IllegalArgumentException("field " + name + ": codes are for pictures, standardised per channel");
        }
        int length = floats != null ? floats.length : ids != null ? ids.length : codes.codes().length;
        if (exampleSize(shape) == 0 || length % exampleSize(shape) != 0) {
            throw new IllegalArgumentException("field " + name + ": " + length + " values do not divide into examples of "
                    + Arrays.toString(shape));
        }
    }

    /** A field of floats or token ids (exactly one of the two non-null). */
    public Field(String name, FieldKind kind, int[] shape, float[] floats, long[] ids) {
        this(name, kind, shape, floats, ids, null);
    }

    public static Field floats(String name, FieldKind kind, int[] shape, float[] values) {
        return new Field(name, kind, shape, values, null);
    }

    /** Pictures {@code [C, H, W]} as decoded bytes, read as {@code code / 255f} until standardised. */
    public static Field pictures(String name, int[] shape, byte[] codes) {
        return new Field(name, FieldKind.IMAGE, shape, null, null, PictureCodes.raw(codes, shape[0]));
    }

    /**
     * The values of every example. For pictures held as codes this decodes all of them into a new
     * array (four times their memory): read some rows with {@link #select} or {@link #valuesOf} instead.
     */
    @Override
    public float[] floats() {
        if (codes == null) {
            return floats;
        }
        float[] out = new float[codes.codes().length];
        float[] table = codes.table();
        int size = exampleSize();
        for (int row = 0, n = count(); row < n; row++) {
            codes.decode(table, row, size, out, row * size);
        }
        return out;
    }

    /** Whether the field holds numbers (floats or picture codes) rather than token ids. */
    public boolean numeric() {
        return ids == null;
    }

    /**
     * Writes the values of example {@code row} into {@code out} from {@code offset}, decoding
     * codes. Not for token fields.
     */
    public void valuesOf(int row, float[] out, int offset) {
        int size = exampleSize();
        if (codes != null) {
            codes.decode(codes.table(), row, size, out, offset);
        } else {
            System.arraycopy(floats, row * size, out, offset, size);
        }
    }

    /** This field under another name. */
    public Field named(String other) {
        return new Field(other, kind, shape, floats, ids, codes);
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
        return (floats != null ? floats.length : ids != null ? ids.length : codes.codes().length) / exampleSize();
    }

    /** The examples at the given rows, in that order. */
    public Field select(int[] rows) {
        int size = exampleSize();
        if (codes != null) {
            return new Field(name, kind, shape, null, null, codes.select(rows, size));
        }
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

    /**
     * The examples of every part, one after another; the parts must agree in name, kind and shape.
     * Picture codes stay codes when every part is read with the same standardisation.
     */
    public static Field concat(java.util.List<Field> parts) {
        Field first = parts.get(0);
        int total = 0;
        boolean sameCodes = true;
        for (Field f : parts) {
            if (!f.name.equals(first.name) || f.kind != first.kind || !Arrays.equals(f.shape, first.shape)) {
                throw new IllegalArgumentException("field " + f + " cannot join " + first);
            }
            total = Math.addExact(total, f.count() * f.exampleSize());
            sameCodes &= f.codes != null && first.codes != null
                    && f.codes.normalisation().equals(first.codes.normalisation());
        }
        if (sameCodes) {
            byte[] out = new byte[total];
            int at = 0;
            for (Field f : parts) {
                System.arraycopy(f.codes.codes(), 0, out, at, f.codes.codes().length);
                at += f.codes.codes().length;
            }
            return new Field(first.name, first.kind, first.shape, null, null,
                    new PictureCodes(out, first.codes.normalisation()));
        }
        if (first.numeric()) {
            float[] out = new float[total];
            int at = 0;
            for (Field f : parts) {
                float[] values = f.floats();
                System.arraycopy(values, 0, out, at, values.length);
                at += values.length;
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

    /** Equal when they hold the same values, whether as floats or as codes that read as those floats. */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Field f && name.equals(f.name) && kind == f.kind && Arrays.equals(shape, f.shape))) {
            return false;
        }
        if (codes != null && f.codes != null) {
            return codes.equals(f.codes) || Arrays.equals(floats(), f.floats());
        }
        return Arrays.equals(floats(), f.floats()) && Arrays.equals(ids, f.ids);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, kind, Arrays.hashCode(shape), Arrays.hashCode(floats()), Arrays.hashCode(ids));
    }

    @Override
    public String toString() {
        return name + " " + kind + " " + Arrays.toString(shape) + " x " + count();
    }
}
