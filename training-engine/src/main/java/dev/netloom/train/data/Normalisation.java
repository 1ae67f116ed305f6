package dev.netloom.train.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Standardisation along a field's first axis: per channel for pictures ([C, H, W] → C groups of
 * H×W values), per feature for table rows ([F] → F groups of one value). Statistics are fitted
 * on the training split only and applied to every split, so validation and test never leak into
 * training.
 *
 * @param mean per group
 * @param std per group; never 0 (a constant group keeps std 1)
 */
public record Normalisation(float[] mean, float[] std) {

    public Normalisation {
        mean = mean.clone();
        std = std.clone();
        if (mean.length != std.length) {
            throw new IllegalArgumentException("mean and std differ in length");
        }
    }

    /** Mean 0 and std 1 for every group: values stay as they are. */
    public static Normalisation identity(int groups) {
        float[] ones = new float[groups];
        java.util.Arrays.fill(ones, 1f);
        return new Normalisation(new float[groups], ones);
    }

    /** Whether every group has mean 0 and std 1, so that {@code (x - mean) / std} is x exactly. */
    public boolean isIdentity() {
        for (int g = 0; g < mean.length; g++) {
            if (Float.floatToIntBits(mean[g]) != 0 || std[g] != 1f) {
                return false;
            }
        }
        return true;
    }

    /** Fits every group of {@code train}. */
    public static Normalisation fit(Field train) {
        boolean[] all = new boolean[train.shape()[0]];
        java.util.Arrays.fill(all, true);
        return fit(train, all);
    }

    /**
     * Fits the groups where {@code which} is true; the others keep mean 0 and std 1 (one-hot
     * columns, for example, stay 0/1).
     */
    public static Normalisation fit(Field train, boolean[] which) {
        int groups = train.shape()[0];
        int inner = train.exampleSize() / groups;
        double[] sum = new double[groups];
        double[] squares = new double[groups];
        // Pictures held as codes are read one example at a time: the same values, in the same order.
        boolean codes = train.codes() != null;
        float[] v = codes ? new float[train.exampleSize()] : train.floats();
        float[] table = codes ? train.codes().table() : null;
        int count = train.count();
        for (int e = 0; e < count; e++) {
            int base = e * train.exampleSize();
            if (codes) {
                train.codes().decode(table, e, train.exampleSize(), v, 0);
                base = 0;
            }
            for (int g = 0; g < groups; g++) {
                int start = base + g * inner;
                for (int i = start; i < start + inner; i++) {
                    sum[g] += v[i];
                    squares[g] += (double) v[i] * v[i];
                }
            }
        }
        float[] mean = new float[groups];
        float[] std = new float[groups];
        double n = (double) count * inner;
        for (int g = 0; g < groups; g++) {
            std[g] = 1;
            if (which[g] && n > 0) {
                double m = sum[g] / n;
                double var = Math.max(0, squares[g] / n - m * m);
                mean[g] = (float) m;
                std[g] = var > 1e-12 ? (float) Math.sqrt(var) : 1f;
            }
        }
        return new Normalisation(mean, std);
    }

    /**
     * The field with {@code (x - mean) / std} applied per group. Pictures held as codes not yet
     * standardised stay codes, read through this standardisation (the same values as applying it
     * to their floats).
     */
    public Field apply(Field field) {
        int groups = mean.length;
        if (field.shape()[0] != groups) {
            throw new IllegalArgumentException("field " + field.name() + " has " + field.shape()[0] + " groups, statistics "
                    + groups);
        }
        if (field.codes() != null && field.codes().isRaw()) {
            return new Field(field.name(), field.kind(), field.shape(), null, null, field.codes().standardisedBy(this));
        }
        int inner = field.exampleSize() / groups;
        float[] in = field.floats();
        float[] out = new float[in.length];
        for (int i = 0; i < in.length; i++) {
            int g = (i / inner) % groups;
            out[i] = (in[i] - mean[g]) / std[g];
        }
        return Field.floats(field.name(), field.kind(), field.shape(), out);
    }

    /** {@code {"mean": [...], "std": [...]}} for {@code preprocess.json}. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mean", list(mean));
        m.put("std", list(std));
        return m;
    }

    private static List<Double> list(float[] values) {
        List<Double> out = new ArrayList<>(values.length);
        for (float v : values) {
            out.add((double) v);
        }
        return out;
    }

    @Override
    public String toString() {
        return "mean " + java.util.Arrays.toString(mean) + ", std " + java.util.Arrays.toString(std);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Normalisation n && java.util.Arrays.equals(mean, n.mean) && java.util.Arrays.equals(std, n.std);
    }

    @Override
    public int hashCode() {
        return 31 * java.util.Arrays.hashCode(mean) + java.util.Arrays.hashCode(std);
    }
}
