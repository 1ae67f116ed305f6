package dev.netloom.train.data.qa;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The accuracy of always giving the most common answer for each value of one clue. */
final class Baselines {

    private Baselines() {
    }

    /** Accuracy of answering, for each key, the answer most common for that key. */
    static double majorityAccuracy(List<String> keys, int[] labels) {
        Map<String, Map<Integer, Integer>> counts = new HashMap<>();
        for (int i = 0; i < labels.length; i++) {
            counts.computeIfAbsent(keys.get(i), k -> new HashMap<>()).merge(labels[i], 1, Integer::sum);
        }
        long right = 0;
        for (Map<Integer, Integer> byAnswer : counts.values()) {
            right += byAnswer.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        }
        return (double) right / labels.length;
    }
}
