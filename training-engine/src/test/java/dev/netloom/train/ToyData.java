package dev.netloom.train;

import dev.netloom.train.data.Examples;
import dev.netloom.train.data.Field;
import dev.netloom.train.data.FieldKind;

import java.util.List;
import java.util.Random;

/** Small generated tasks for tests: fast, deterministic, with a known right answer. */
final class ToyData {

    private ToyData() {
    }

    /**
     * Rows of {@code features} Gaussian numbers; the class is which of {@code classes} fixed
     * directions the row points along most: learnable by a small MLP.
     */
    static Examples vectors(int count, int features, int classes, long seed) {
        Random r = new Random(seed);
        float[][] directions = new float[classes][features];
        Random fixed = new Random(12345);
        for (float[] d : directions) {
            for (int i = 0; i < features; i++) {
                d[i] = (float) fixed.nextGaussian();
            }
        }
        float[] values = new float[count * features];
        int[] labels = new int[count];
        for (int n = 0; n < count; n++) {
            int label = r.nextInt(classes);
            for (int i = 0; i < features; i++) {
                values[n * features + i] = (float) (directions[label][i] * 1.5 + r.nextGaussian() * 0.5);
            }
            labels[n] = label;
        }
        return new Examples(List.of(Field.floats("features", FieldKind.FEATURES, new int[] {features}, values)), labels);
    }

    /** Grey pictures with one bright square; the class is the quadrant it sits in. */
    static Examples quadrants(int count, int size, long seed) {
        Random r = new Random(seed);
        float[] pixels = new float[count * size * size];
        int[] labels = new int[count];
        int half = size / 2;
        for (int n = 0; n < count; n++) {
            int q = r.nextInt(4);
            int x0 = (q % 2) * half + r.nextInt(Math.max(1, half - 3));
            int y0 = (q / 2) * half + r.nextInt(Math.max(1, half - 3));
            for (int y = y0; y < y0 + 3; y++) {
                for (int x = x0; x < x0 + 3; x++) {
                    pixels[n * size * size + y * size + x] = 1f;
                }
            }
            labels[n] = q;
        }
        return new Examples(List.of(Field.floats("image", FieldKind.IMAGE, new int[] {1, size, size}, pixels)), labels);
    }

    /** Random token sequences; the class is whether token 7 appears. */
    static Examples tokens(int count, int length, int vocabulary, long seed) {
        Random r = new Random(seed);
        long[] ids = new long[count * length];
        int[] labels = new int[count];
        for (int n = 0; n < count; n++) {
            boolean yes = r.nextBoolean();
            for (int i = 0; i < length; i++) {
                long t;
                do {
                    t = 1 + r.nextInt(vocabulary - 1);
                } while (t == 7);
                ids[n * length + i] = t;
            }
            if (yes) {
                ids[n * length + r.nextInt(length)] = 7;
            }
            labels[n] = yes ? 1 : 0;
        }
        return new Examples(List.of(Field.tokens("text", length, ids)), labels);
    }

    /** Rows 0..n-1 split at {@code at}: the first part and the rest. */
    static Examples[] split(Examples all, int at) {
        int[] first = java.util.stream.IntStream.range(0, at).toArray();
        int[] rest = java.util.stream.IntStream.range(at, all.size()).toArray();
        return new Examples[] {all.select(first), all.select(rest)};
    }
}
