package dev.netloom.app.data;

import dev.netloom.train.data.Field;

/**
 * One picture of an IMAGE field, ready to draw: ARGB pixels row by row. The field holds
 * normalised floats [C, H, W]; each picture is min-max scaled on its own, so what the model
 * sees is shown with full contrast whatever the normalisation. One channel is grey, three are
 * red, green, blue; other counts show the first channel in grey.
 *
 * @param width pixels across
 * @param height pixels down
 * @param argb {@code height × width} opaque ARGB values
 */
public record Picture(int width, int height, int[] argb) {

    /** Picture {@code index} of an IMAGE field. */
    public static Picture of(Field field, int index) {
        int[] shape = field.shape();
        int channels = shape[0];
        int h = shape[1];
        int w = shape[2];
        int plane = h * w;
        // One picture's values (pictures held as bytes are decoded for this one only).
        int start = 0;
        float[] v = new float[field.exampleSize()];
        field.valuesOf(index, v, 0);
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (int i = start; i < start + field.exampleSize(); i++) {
            min = Math.min(min, v[i]);
            max = Math.max(max, v[i]);
        }
        // A flat picture (all one value) has no range; show it mid-grey rather than divide by zero.
        float range = max - min;
        int[] argb = new int[plane];
        boolean colour = channels == 3;
        for (int p = 0; p < plane; p++) {
            int r = level(v[start + p], min, range);
            int g = colour ? level(v[start + plane + p], min, range) : r;
            int b = colour ? level(v[start + 2 * plane + p], min, range) : r;
            argb[p] = 0xff000000 | (r << 16) | (g << 8) | b;
        }
        return new Picture(w, h, argb);
    }

    /** The same picture with its rows in reverse order (a spectrogram's low bands at the bottom). */
    public Picture upsideDown() {
        int[] flipped = new int[argb.length];
        for (int y = 0; y < height; y++) {
            System.arraycopy(argb, y * width, flipped, (height - 1 - y) * width, width);
        }
        return new Picture(width, height, flipped);
    }

    private static int level(float value, float min, float range) {
        return range > 0 ? Math.round((value - min) / range * 255f) : 128;
    }
}
