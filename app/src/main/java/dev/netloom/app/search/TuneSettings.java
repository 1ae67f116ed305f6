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
 */
public record TuneSettings(String studyName, int trials, Duration timeLimit, List<SearchObjective> objectives,
                           String deviceId, String sampler, String pruner, long seed, List<SearchConstraint> constraints) {

    public TuneSettings {
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

    /** {@code trials} trials with the usual defaults: accuracy only, the automatic sampler, median pruning, seed 42. */
    public static TuneSettings trials(String studyName, int trials) {
        return new TuneSettings(studyName, trials, null, List.of(SearchObjective.ACCURACY), null, null, "median", 42,
                List.of());
    }
}
