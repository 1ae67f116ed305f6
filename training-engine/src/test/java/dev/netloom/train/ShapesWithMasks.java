package dev.netloom.train;

import dev.netloom.train.data.Examples;
import dev.netloom.train.data.Field;
import dev.netloom.train.data.FieldKind;

import java.util.List;
import java.util.Random;

/**
 * Small segmentation data made in the test: grey pictures with one to three rectangles (class 1)
 * and discs (class 2) on a noisy background (class 0), and their masks. The two shapes differ in
 * brightness (1.0 and 0.6) under strong noise (σ 0.3), so a pixel alone is often ambiguous and the
 * model has to use its neighbours. A few pixels on shape borders are left unlabelled.
 */
final class ShapesWithMasks {

    private ShapesWithMasks() {
    }

    static Examples make(int count, int size, long seed) {
        Random r = new Random(seed);
        float[] pictures = new float[count * size * size];
        long[] masks = new long[count * size * size];
        for (int e = 0; e < count; e++) {
            int base = e * size * size;
            int shapes = 1 + r.nextInt(3);
            for (int s = 0; s < shapes; s++) {
                boolean disc = r.nextBoolean();
                int extent = size / 5 + r.nextInt(size / 4);
                int cy = r.nextInt(size);
                int cx = r.nextInt(size);
                int h = extent / 2 + r.nextInt(extent);
                for (int y = 0; y < size; y++) {
                    for (int x = 0; x < size; x++) {
                        boolean inside = disc
                                ? (y - cy) * (y - cy) + (x - cx) * (x - cx) <= extent * extent / 4 + 1
                                : Math.abs(y - cy) <= h / 2 && Math.abs(x - cx) <= extent / 2;
                        if (inside) {
                            masks[base + y * size + x] = disc ? 2 : 1;
                        }
                    }
                }
            }
            for (int i = 0; i < size * size; i++) {
                float level = masks[base + i] == 0 ? 0f : masks[base + i] == 1 ? 1f : 0.6f;
                pictures[base + i] = level + (float) (0.3 * r.nextGaussian());
                if (masks[base + i] != 0 && r.nextInt(20) == 0) {
                    masks[base + i] = PositionLabels.UNLABELLED;
                }
            }
        }
        return new Examples(List.of(Field.floats("image", FieldKind.IMAGE, new int[] {1, size, size}, pictures),
                Field.mask("mask", new int[] {size, size}, masks)), new int[count]);
    }
}
