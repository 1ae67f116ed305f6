package dev.netloom.app.search;

import dev.netloom.hpo.StudyDirection;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a model search optimises: validation accuracy, and for device-aware search the model's
 * size or compute. Several objectives give a Pareto set instead of one best trial.
 */
public enum SearchObjective {
    /** Best validation accuracy, higher is better. Never the test split: that stays unseen. */
    ACCURACY("accuracy", StudyDirection.MAXIMIZE),
    /** Trainable parameters, fewer is better. */
    PARAMETERS("parameters", StudyDirection.MINIMIZE),
    /** Multiply-adds per example, fewer is better. */
    MULTIPLY_ADDS("multiply-adds", StudyDirection.MINIMIZE);

    private final String word;
    private final StudyDirection direction;

    SearchObjective(String word, StudyDirection direction) {
        this.word = word;
        this.direction = direction;
    }

    public String word() {
        return word;
    }

    public StudyDirection direction() {
        return direction;
    }

    /** Parses {@code accuracy,parameters}; accuracy must come first, as pruning reads the first objective. */
    public static List<SearchObjective> parse(String text) {
        List<SearchObjective> out = new ArrayList<>();
        for (String part : text.split(",")) {
            String w = part.trim().toLowerCase(Locale.ROOT);
            SearchObjective o = List.of(values()).stream().filter(v -> v.word.equals(w)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown objective \"" + part.trim()
                            + "\"; use accuracy, parameters or multiply-adds"));
            if (out.contains(o)) {
                throw new IllegalArgumentException("objective " + w + " is given twice");
            }
            out.add(o);
        }
        if (out.isEmpty() || out.get(0) != ACCURACY) {
            throw new IllegalArgumentException("the first objective must be accuracy, got " + text);
        }
        return List.copyOf(out);
    }
}
