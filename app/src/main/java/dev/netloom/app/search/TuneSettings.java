package dev.netloom.app.search;

import java.time.Duration;
import java.util.List;

/**
 * What the Tune view's form asks for: the same choices as {@code netloom tune}'s options.
 *
 * @param studyName the study's name (its storage is {@code <project>.studies/<name>.db})
 * @param trials how many trials to run; with a time limit, the most to run
 * @param timeLimit stop starting trials after this long, or null for none
 * @param objectives accuracy first, then optionally one of parameters, multiply-adds or latency
 * @param deviceId the device the latency objective is estimated on, or null
 * @param sampler a {@link SearchStrategies#SAMPLERS} name, or null for {@code auto} ({@link dev.netloom.hpo.sampler.SamplerChoice})
 * @param pruner a {@link SearchStrategies#PRUNERS} name
 * @param seed seeds the sampler
 * @param constraints limits every trial's model must keep ({@link SearchConstraint}); a latency limit without
 *                    its own device is estimated on {@code deviceId}
 * @param epochsPerTrial how many epochs each trial trains (the twin of {@code netloom tune --epochs}), or null
 *                       for the project's training section's
 */
public record TuneSettings(String studyName, int trials, Duration timeLimit, List<SearchObjective> objectives,
                           String deviceId, String sampler, String pruner, long seed, List<SearchConstraint> constraints,
                           Integer epochsPerTrial) {

    /** Settings whose trials train the project's own number of epochs. */
    public TuneSettings(String studyName, int trials, Duration timeLimit, List<SearchObjective> objectives,
                        String deviceId, String sampler, String pruner, long seed, List<SearchConstraint> constraints) {
        this(studyName, trials, timeLimit, objectives, deviceId, sampler, pruner, seed, constraints, null);
    }

    public TuneSettings {
        if (epochsPerTrial != null && (epochsPerTrial < 1 || epochsPerTrial > 100_000)) {
            throw new IllegalArgumentException("epochs per trial must be from 1 to 100000, got " + epochsPerTrial);
        }
        objectives = List.copyOf(objectives);
        constraints = List.copyOf(constraints);
        for (SearchConstraint c : constraints) {
            if (c.metric() == SearchConstraint.Metric.LATENCY && c.deviceId() == null
                    && (deviceId == null || deviceId.isBlank())) {
                throw new IllegalArgumentException("the limit " + c.text() + " needs a device: write " + c.text()
                        + "@DEVICE, or choose the device of the latency objective");
            }
        }
        if (studyName == null || !studyName.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw new IllegalArgumentException("a study name is letters, digits, '.', '_' or '-', got \"" + studyName + "\"");
        }
        if (trials < 1) {
            throw new IllegalArgumentException("the budget needs at least one trial, got " + trials);
        }
        if (objectives.isEmpty() || objectives.get(0) != SearchObjective.ACCURACY) {
            throw new IllegalArgumentException("the first objective must be accuracy");
        }
        for (SearchObjective o : objectives) {
            if (o.needsDevice() && (deviceId == null || deviceId.isBlank())) {
                throw new IllegalArgumentException("the " + o.word() + " objective needs a device: choose one");
            }
        }
    }

    /** The same settings with each trial training {@code epochs} epochs. */
    public TuneSettings withEpochsPerTrial(Integer epochs) {
        return new TuneSettings(studyName, trials, timeLimit, objectives, deviceId, sampler, pruner, seed, constraints,
                epochs);
    }

    /**
     * What a budget is about to train, in words: "Up to 20 trials × 3 epochs = 60 epochs of
     * training (pruning stops poor trials early)", or with a time limit "Trials of 3 epochs each
     * for 30 min (...)".
     *
     * @param trials the trial budget, or null when the budget is a time limit
     * @param minutes the time limit in minutes (used when {@code trials} is null)
     * @param epochs the epochs each trial trains
     */
    public static String budgetText(Integer trials, int minutes, int epochs) {
        String each = epochs + " epoch" + (epochs == 1 ? "" : "s");
        if (trials == null) {
            return "Trials of " + each + " each for " + minutes + " min (pruning stops poor trials early)";
        }
        long total = (long) trials * epochs;
        return "Up to " + trials + " trial" + (trials == 1 ? "" : "s") + " × " + each + " = " + total
                + " epoch" + (total == 1 ? "" : "s") + " of training (pruning stops poor trials early)";
    }

    /** {@code trials} trials with the usual defaults: accuracy only, the automatic sampler, median pruning, seed 42. */
    public static TuneSettings trials(String studyName, int trials) {
        return new TuneSettings(studyName, trials, null, List.of(SearchObjective.ACCURACY), null, null, "median", 42,
                List.of());
    }
}
