package dev.netloom.train.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

/**
 * Which rows go to training, validation and test, each list sorted.
 *
 * @param train rows for training
 * @param validation rows for validation
 * @param test rows for test
 */
public record SplitRows(int[] train, int[] validation, int[] test) {

    public SplitRows {
        train = train.clone();
        validation = validation.clone();
        test = test.clone();
    }

    /**
     * Splits rows by class so that every split keeps the class mix: within each class the rows
     * are shuffled from {@code seed} and the first fractions go to validation and test. The same
     * labels and seed always give the same split.
     *
     * @param labels a label (any int) per row
     * @param validationFraction share of each class for validation, 0 to below 1
     * @param testFraction share of each class for test, 0 to below 1 together with validation
     */
    public static SplitRows stratified(int[] labels, double validationFraction, double testFraction, long seed) {
        if (validationFraction < 0 || testFraction < 0 || validationFraction + testFraction >= 1) {
            throw new IllegalArgumentException("validation and test fractions must be at least 0 and together below 1, got "
                    + validationFraction + " and " + testFraction);
        }
        TreeMap<Integer, List<Integer>> byClass = new TreeMap<>();
        for (int row = 0; row < labels.length; row++) {
            byClass.computeIfAbsent(labels[row], k -> new ArrayList<>()).add(row);
        }
        Random random = new Random(seed);
        List<Integer> train = new ArrayList<>();
        List<Integer> validation = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (List<Integer> rows : byClass.values()) {
            Collections.shuffle(rows, random);
            int v = (int) Math.round(rows.size() * validationFraction);
            int t = (int) Math.round(rows.size() * testFraction);
            if (v + t >= rows.size() && rows.size() > 0) {
                // A class this small keeps one row for training: a class never seen in training cannot be learned.
                int excess = v + t - rows.size() + 1;
                int fromTest = Math.min(t, excess);
                t -= fromTest;
                v -= excess - fromTest;
            }
            validation.addAll(rows.subList(0, v));
            test.addAll(rows.subList(v, v + t));
            train.addAll(rows.subList(v + t, rows.size()));
        }
        return new SplitRows(sorted(train), sorted(validation), sorted(test));
    }

    private static int[] sorted(List<Integer> rows) {
        int[] out = rows.stream().mapToInt(Integer::intValue).toArray();
        Arrays.sort(out);
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SplitRows s && Arrays.equals(train, s.train) && Arrays.equals(validation, s.validation)
                && Arrays.equals(test, s.test);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(train) + Arrays.hashCode(validation)) + Arrays.hashCode(test);
    }
}
