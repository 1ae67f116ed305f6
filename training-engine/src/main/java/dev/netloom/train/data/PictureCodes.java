package dev.netloom.train.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * Pictures held as they were decoded, one unsigned byte per value, with the per-channel
 * standardisation that turns a byte into what the model sees: {@code ((code / 255) − mean) / std}.
 * A quarter of the memory of the same pictures as floats (Fashion-MNIST's 60,000 pictures: 47 MB
 * instead of 188 MB), and the values read are the float path's bit for bit: each is looked up in a
 * table computed with the same float operations, in the same order, as
 * {@link Normalisation#apply} on {@code code / 255f}.
 *
 * @param codes every example's values, one after another, 0-255
 * @param normalisation per channel; mean 0 and std 1 before the training statistics are known
 */
public record PictureCodes(byte[] codes, Normalisation normalisation) {

    public PictureCodes {
        Objects.requireNonNull(codes, "codes");
        Objects.requireNonNull(normalisation, "normalisation");
    }

    /** Codes not yet standardised: they read as {@code code / 255f}. */
    public static PictureCodes raw(byte[] codes, int channels) {
        return new PictureCodes(codes, Normalisation.identity(channels));
    }

    /** Whether the codes read as plain {@code code / 255f}, before any standardisation. */
    public boolean isRaw() {
        return normalisation.isIdentity();
    }

    /**
     * The value of every code, per channel: entry {@code channel × 256 + code}. Computed as the
     * float path computes it, so a lookup equals that path's value exactly.
     */
    public float[] table() {
        float[] mean = normalisation.mean();
        float[] std = normalisation.std();
        float[] table = new float[mean.length * 256];
        for (int c = 0; c < mean.length; c++) {
            for (int code = 0; code < 256; code++) {
                table[c * 256 + code] = (code / 255f - mean[c]) / std[c];
            }
        }
        return table;
    }

    /**
     * Writes the values of example {@code row} into {@code out} from {@code offset}, through a
     * {@link #table()} (passed in so a caller reading many rows computes it once).
     *
     * @param exampleSize values per example
     */
    public void decode(float[] table, int row, int exampleSize, float[] out, int offset) {
        int channels = normalisation.mean().length;
        int plane = exampleSize / channels;
        int from = row * exampleSize;
        for (int c = 0; c < channels; c++) {
            int base = c * 256;
            int start = from + c * plane;
            int to = offset + c * plane;
            for (int p = 0; p < plane; p++) {
                out[to + p] = table[base + (codes[start + p] & 0xff)];
            }
        }
    }

    /** The largest absolute value these pictures hold (over the codes present, not all 256). */
    public double largestMagnitude(int exampleSize) {
        int channels = normalisation.mean().length;
        int plane = exampleSize / channels;
        boolean[] present = new boolean[channels * 256];
        for (int i = 0; i < codes.length; i++) {
            present[(i / plane) % channels * 256 + (codes[i] & 0xff)] = true;
        }
        float[] table = table();
        double max = 0;
        for (int i = 0; i < table.length; i++) {
            if (present[i]) {
                max = Math.max(max, Math.abs(table[i]));
            }
        }
        return max;
    }

    /** Whether every code reads as a finite number (a standardisation could hold NaN or a std of 0). */
    public boolean allFinite() {
        for (float v : table()) {
            if (!Float.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    /** The codes of the given rows, in that order, with the same standardisation. */
    public PictureCodes select(int[] rows, int exampleSize) {
        byte[] out = new byte[Math.multiplyExact(rows.length, exampleSize)];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(codes, rows[i] * exampleSize, out, i * exampleSize, exampleSize);
        }
        return new PictureCodes(out, normalisation);
    }

    /** These codes read with another standardisation. */
    public PictureCodes standardisedBy(Normalisation other) {
        return new PictureCodes(codes, other);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PictureCodes p && Arrays.equals(codes, p.codes) && normalisation.equals(p.normalisation);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(codes) + normalisation.hashCode();
    }

    @Override
    public String toString() {
        return codes.length + " codes, " + normalisation;
    }
}
