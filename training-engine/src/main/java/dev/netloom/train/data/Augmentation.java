package dev.netloom.train.data;

import java.util.Random;

/**
 * Picture augmentation the trainer applies to each training batch: a horizontal flip with
 * probability one half, and a shift by up to {@code maxShift} pixels in each direction (pixels
 * moved in are 0, which is about the mean after normalisation). Works on the flat float arrays
 * of {@link Field}; the caller's seeded {@link Random} makes it reproducible.
 *
 * @param horizontalFlip whether to flip left-right half of the time
 * @param maxShift the largest shift in pixels, 0 for none
 */
public record Augmentation(boolean horizontalFlip, int maxShift) {

    /** No augmentation. */
    public static final Augmentation NONE = new Augmentation(false, 0);

    public Augmentation {
        if (maxShift < 0) {
            throw new IllegalArgumentException("shift must be at least 0, got " + maxShift);
        }
    }

    /**
     * Augments a batch in place.
     *
     * @param batch {@code count × C × H × W} floats
     * @param shape one example's shape, [C, H, W]
     */
    public void apply(float[] batch, int[] shape, Random random) {
        int size = shape[0] * shape[1] * shape[2];
        float[] scratch = new float[size];
        for (int offset = 0; offset + size <= batch.length; offset += size) {
            applyOne(batch, offset, shape, random, scratch);
        }
    }

    /** A picture field with every example augmented (the field itself is left as it was). */
    public Field apply(Field pictures, Random random) {
        float[] copy = pictures.floats().clone();
        apply(copy, pictures.shape(), random);
        return Field.floats(pictures.name(), pictures.kind(), pictures.shape(), copy);
    }

    private void applyOne(float[] v, int offset, int[] shape, Random random, float[] scratch) {
        boolean flip = horizontalFlip && random.nextBoolean();
        int dy = maxShift > 0 ? random.nextInt(2 * maxShift + 1) - maxShift : 0;
        int dx = maxShift > 0 ? random.nextInt(2 * maxShift + 1) - maxShift : 0;
        if (!flip && dx == 0 && dy == 0) {
            return;
        }
        int c = shape[0];
        int h = shape[1];
        int w = shape[2];
        for (int ch = 0; ch < c; ch++) {
            for (int y = 0; y < h; y++) {
                int sy = y - dy;
                for (int x = 0; x < w; x++) {
                    int sx0 = x - dx;
                    int sx = flip ? w - 1 - sx0 : sx0;
                    boolean inside = sy >= 0 && sy < h && sx0 >= 0 && sx0 < w;
                    scratch[(ch * h + y) * w + x] = inside ? v[offset + (ch * h + sy) * w + sx] : 0f;
                }
            }
        }
        System.arraycopy(scratch, 0, v, offset, c * h * w);
    }
}
