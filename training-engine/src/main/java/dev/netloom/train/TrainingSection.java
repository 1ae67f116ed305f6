package dev.netloom.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * The project file's {@code training} section, read into {@link TrainingSettings} and written
 * back. Every key is optional and defaults to {@link TrainingSettings#defaults()}; an unknown
 * key or a bad value is refused with its JSON path, e.g.
 * {@code training.batchSize: must be a whole number from 1 to 65536, got 0}. The distillation and
 * fine-tuning keys are read by {@link AdaptationSection}, and checked here too.
 */
public final class TrainingSection {

    private static final Set<String> KEYS = Set.of("optimizer", "learningRate", "momentum", "schedule", "warmupEpochs",
            "stepEvery", "batchSize", "epochs", "weightDecay", "gradientClip", "labelSmoothing",
            "earlyStoppingPatience", "seed", "threads", "augmentation", "divergenceRecovery");

    private TrainingSection() {
    }

    /** Settings from a section (null or missing: the defaults). */
    public static TrainingSettings read(JsonNode section) {
        TrainingSettings d = TrainingSettings.defaults();
        if (section == null || section.isMissingNode() || section.isNull()) {
            return d;
        }
        if (!section.isObject()) {
            throw new IllegalArgumentException("training: must be an object");
        }
        Iterator<String> names = section.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!KEYS.contains(name) && !AdaptationSection.KEYS.contains(name)) {
                java.util.TreeSet<String> known = new java.util.TreeSet<>(KEYS);
                known.addAll(AdaptationSection.KEYS);
                throw new IllegalArgumentException("training." + name + ": unknown setting; known: "
                        + String.join(", ", known));
            }
        }
        AdaptationSection.read(section); // the teacher and start-model keys are checked with the rest
        try {
            return new TrainingSettings(
                    text(section, "optimizer", d.optimizer()),
                    real(section, "learningRate", d.learningRate()),
                    real(section, "momentum", d.momentum()),
                    text(section, "schedule", d.schedule()),
                    real(section, "warmupEpochs", d.warmupEpochs()),
                    whole(section, "stepEvery", d.stepEvery(), 1, 100000),
                    whole(section, "batchSize", d.batchSize(), 1, 65536),
                    whole(section, "epochs", d.epochs(), 1, 100000),
                    real(section, "weightDecay", d.weightDecay()),
                    real(section, "gradientClip", d.gradientClip()),
                    real(section, "labelSmoothing", d.labelSmoothing()),
                    whole(section, "earlyStoppingPatience", d.earlyStoppingPatience(), 0, 100000),
                    section.has("seed") ? longValue(section, "seed") : d.seed(),
                    whole(section, "threads", d.threads(), 0, 256), // 0: chosen by model size
                    augmentation(section.get("augmentation")),
                    bool(section, "divergenceRecovery", d.divergenceRecovery()));
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            return rethrow(message.startsWith("training.") ? message : "training." + message);
        }
    }

    /** The section for some settings, every key written. */
    public static ObjectNode write(TrainingSettings s) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, JsonNode> e : new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(s)
                .properties()) {
            o.set(e.getKey(), e.getValue());
        }
        return o;
    }

    private static dev.netloom.train.data.Augmentation augmentation(JsonNode a) {
        if (a == null) {
            return dev.netloom.train.data.Augmentation.NONE;
        }
        if (!a.isObject()) {
            throw new IllegalArgumentException("training.augmentation: must be an object like "
                    + "{\"horizontalFlip\": true, \"maxShift\": 2}");
        }
        a.fieldNames().forEachRemaining(k -> {
            if (!k.equals("horizontalFlip") && !k.equals("maxShift")) {
                throw new IllegalArgumentException("training.augmentation." + k + ": unknown setting; known: "
                        + "horizontalFlip, maxShift");
            }
        });
        JsonNode flip = a.path("horizontalFlip");
        if (!flip.isMissingNode() && !flip.isBoolean()) {
            throw new IllegalArgumentException("training.augmentation.horizontalFlip: must be true or false, got " + flip);
        }
        JsonNode shift = a.path("maxShift");
        if (!shift.isMissingNode() && (!shift.isIntegralNumber() || shift.intValue() < 0 || shift.intValue() > 64)) {
            throw new IllegalArgumentException("training.augmentation.maxShift: must be a whole number from 0 to 64, got "
                    + shift);
        }
        return new dev.netloom.train.data.Augmentation(flip.asBoolean(false), shift.asInt(0));
    }

    private static TrainingSettings rethrow(String message) {
        throw new IllegalArgumentException(message);
    }

    private static String text(JsonNode s, String key, String fallback) {
        JsonNode v = s.get(key);
        if (v == null) {
            return fallback;
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException("training." + key + ": must be text, got " + v);
        }
        return v.textValue();
    }

    private static boolean bool(JsonNode s, String key, boolean fallback) {
        JsonNode v = s.get(key);
        if (v == null) {
            return fallback;
        }
        if (!v.isBoolean()) {
            throw new IllegalArgumentException("training." + key + ": must be true or false, got " + v);
        }
        return v.booleanValue();
    }

    private static double real(JsonNode s, String key, double fallback) {
        JsonNode v = s.get(key);
        if (v == null) {
            return fallback;
        }
        if (!v.isNumber() || !Double.isFinite(v.doubleValue())) {
            throw new IllegalArgumentException("training." + key + ": must be a number, got " + v);
        }
        return v.doubleValue();
    }

    private static int whole(JsonNode s, String key, int fallback, int min, int max) {
        JsonNode v = s.get(key);
        if (v == null) {
            return fallback;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < min || v.intValue() > max) {
            throw new IllegalArgumentException("training." + key + ": must be a whole number from " + min + " to " + max
                    + ", got " + v);
        }
        return v.intValue();
    }

    private static long longValue(JsonNode s, String key) {
        JsonNode v = s.get(key);
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new IllegalArgumentException("training." + key + ": must be a whole number, got " + v);
        }
        return v.longValue();
    }
}
