package dev.netloom.train;

import java.util.List;

/**
 * Where a run's knowledge comes from besides its data: teachers to distil from, and a trained
 * model to start from with some of its nodes frozen. The project file's {@code training} section
 * holds them ({@link AdaptationSection}); {@code netloom train --teacher / --start-from} and the
 * Train view set them for one run. Paths are as written: relative ones are resolved by the
 * caller against the project's folder.
 *
 * @param teachers model artifacts whose soft targets the student learns from (several: an
 *        ensemble, their softmaxes averaged); empty for no distillation
 * @param temperature the softmax temperature T of the distillation term, in (0, 100]
 * @param distillWeight the share of the distillation term in the loss, in [0, 1] (the rest is the
 *        cross-entropy against the labels)
 * @param startFrom a model artifact whose weights are taken where node id and shape match; null for none
 * @param freeze nodes whose weights stay as the start model has them (needs {@code startFrom})
 * @param freezeUpTo a node frozen together with every node before it (needs {@code startFrom});
 *        null for none; not together with {@code freeze}
 */
public record AdaptationSettings(List<String> teachers, double temperature, double distillWeight, String startFrom,
                                 List<String> freeze, String freezeUpTo) {

    /** Hinton et al. use temperatures from 2 to 20; 4 is a common middle for small image models. */
    public static final double DEFAULT_TEMPERATURE = 4;
    /** An even share of the labels and the teacher. */
    public static final double DEFAULT_DISTILL_WEIGHT = 0.5;
    /** No teacher, no start model. */
    public static final AdaptationSettings NONE = new AdaptationSettings(List.of(), DEFAULT_TEMPERATURE,
            DEFAULT_DISTILL_WEIGHT, null, List.of(), null);

    public AdaptationSettings {
        teachers = List.copyOf(teachers);
        freeze = List.copyOf(freeze);
        check(temperature > 0 && temperature <= 100, "temperature: must be in (0, 100], got " + temperature);
        check(distillWeight >= 0 && distillWeight <= 1, "distillWeight: must be in [0, 1], got " + distillWeight);
        check(teachers.stream().noneMatch(String::isBlank), "teacher: a teacher's path is empty");
        check(startFrom == null || !startFrom.isBlank(), "startFrom: the path is empty");
        check(freeze.isEmpty() || freezeUpTo == null, "freeze: give either freeze or freezeUpTo, not both");
        check(startFrom != null || (freeze.isEmpty() && freezeUpTo == null), (freezeUpTo != null ? "freezeUpTo" : "freeze")
                + ": needs startFrom (frozen weights that start random stay random)");
    }

    /** Whether the run distils from teachers. */
    public boolean distils() {
        return !teachers.isEmpty();
    }

    /** Whether the run starts from a trained model. */
    public boolean startsFromModel() {
        return startFrom != null;
    }

    public AdaptationSettings withTeachers(List<String> paths) {
        return new AdaptationSettings(paths, temperature, distillWeight, startFrom, freeze, freezeUpTo);
    }

    public AdaptationSettings withTemperature(double t) {
        return new AdaptationSettings(teachers, t, distillWeight, startFrom, freeze, freezeUpTo);
    }

    public AdaptationSettings withDistillWeight(double w) {
        return new AdaptationSettings(teachers, temperature, w, startFrom, freeze, freezeUpTo);
    }

    /** Starting from another model, what to freeze kept. */
    public AdaptationSettings withStartFrom(String path) {
        return new AdaptationSettings(teachers, temperature, distillWeight, path, freeze, freezeUpTo);
    }

    /** These nodes frozen (replacing any earlier choice of what to freeze). */
    public AdaptationSettings withFreeze(List<String> nodes) {
        return new AdaptationSettings(teachers, temperature, distillWeight, startFrom, nodes, null);
    }

    /** This node and everything before it frozen (replacing any earlier choice of what to freeze). */
    public AdaptationSettings withFreezeUpTo(String node) {
        return new AdaptationSettings(teachers, temperature, distillWeight, startFrom, List.of(), node);
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
