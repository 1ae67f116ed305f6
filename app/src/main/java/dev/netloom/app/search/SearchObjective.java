package dev.netloom.app.search;

import dev.netloom.hpo.StudyDirection;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a model search optimises: validation accuracy, and for device-aware search the model's
 * size, compute, or estimated latency or energy on a device. Several objectives give a Pareto set instead of
 * one best trial.
 */
public enum SearchObjective {
    /** Best validation accuracy, higher is better. Never the test split: that stays unseen. */
    ACCURACY("accuracy", StudyDirection.MAXIMIZE),
    /** Trainable parameters, fewer is better. */
    PARAMETERS("parameters", StudyDirection.MINIMIZE),
    /** Multiply-adds per example, fewer is better. */
    MULTIPLY_ADDS("multiply-adds", StudyDirection.MINIMIZE),
    /**
     * Estimated milliseconds per example on a chosen device (device-profiles' roofline estimate of
     * the trial's graph, {@link TrialLatency}), lower is better. Needs a device.
     */
    LATENCY("latency", StudyDirection.MINIMIZE),
    /**
     * Estimated millijoules per example on a chosen device: the device's power draw × the
     * estimated latency ({@code EnergyModel} in device-profiles, {@link TrialLatency}), lower is
     * better. Needs a device with a power figure.
     */
    ENERGY("energy", StudyDirection.MINIMIZE);

    private final String word;
    private final StudyDirection direction;

    SearchObjective(String word, StudyDirection direction) {
        this.word = word;
        this.direction = direction;
    }

    /** The word the command line and the workspace use: {@code accuracy}, {@code multiply-adds}. */
    public String word() {
        return word;
    }

    /** Whether higher or lower values are better. */
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
                            + "\"; use accuracy, parameters, multiply-adds, latency or energy"));
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

    /** Whether the objective is estimated on a device (latency, energy). */
    public boolean needsDevice() {
        return this == LATENCY || this == ENERGY;
    }

    /** The objectives as the command line writes them: {@code accuracy,latency}. */
    public static String words(List<SearchObjective> objectives) {
        return String.join(",", objectives.stream().map(SearchObjective::word).toList());
    }
}
