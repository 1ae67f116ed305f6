package dev.netloom.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The distillation and fine-tuning keys of the project file's {@code training} section, read into
 * {@link AdaptationSettings}: {@code teacher} (a model folder, or a list of them for an ensemble),
 * {@code temperature}, {@code distillWeight}, {@code startFrom}, {@code freeze} (node ids),
 * {@code freezeUpTo} (a node id). {@link TrainingSection} accepts these keys and checks them
 * through this class, so {@code netloom validate} refuses a bad one with its JSON path.
 */
public final class AdaptationSection {

    /** The keys this class reads. */
    public static final Set<String> KEYS = Set.of("teacher", "temperature", "distillWeight", "startFrom", "freeze",
            "freezeUpTo");

    private AdaptationSection() {
    }

    /** The settings in a training section (null or missing: {@link AdaptationSettings#NONE}). */
    public static AdaptationSettings read(JsonNode section) {
        AdaptationSettings d = AdaptationSettings.NONE;
        if (section == null || !section.isObject()) {
            return d;
        }
        List<String> teachers = texts(section, "teacher", true);
        if (teachers.isEmpty()) {
            for (String key : List.of("temperature", "distillWeight")) {
                if (section.has(key)) {
                    throw new IllegalArgumentException("training." + key + ": applies only to distillation; set "
                            + "training.teacher too");
                }
            }
        }
        try {
            return new AdaptationSettings(teachers, real(section, "temperature", d.temperature()),
                    real(section, "distillWeight", d.distillWeight()), text(section, "startFrom"),
                    texts(section, "freeze", false), text(section, "freezeUpTo"));
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            throw new IllegalArgumentException(message.startsWith("training.") ? message : "training." + message, e);
        }
    }

    /** These settings put into a training section (keys at their defaults left out). */
    public static ObjectNode writeInto(ObjectNode section, AdaptationSettings s) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (s.distils()) {
            if (s.teachers().size() == 1) {
                section.put("teacher", s.teachers().get(0));
            } else {
                s.teachers().forEach(section.putArray("teacher")::add);
            }
            section.put("temperature", s.temperature());
            section.put("distillWeight", s.distillWeight());
        }
        if (s.startsFromModel()) {
            section.put("startFrom", s.startFrom());
        }
        if (!s.freeze().isEmpty()) {
            section.set("freeze", f.arrayNode().addAll(s.freeze().stream().map(f::textNode).toList()));
        }
        if (s.freezeUpTo() != null) {
            section.put("freezeUpTo", s.freezeUpTo());
        }
        return section;
    }

    private static String text(JsonNode s, String key) {
        JsonNode v = s.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException("training." + key + ": must be text, got " + v);
        }
        return v.textValue();
    }

    /** A text or (when {@code oneAllowed}, or always) a list of texts. */
    private static List<String> texts(JsonNode s, String key, boolean oneAllowed) {
        JsonNode v = s.get(key);
        List<String> out = new ArrayList<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (oneAllowed && v.isTextual()) {
            out.add(v.textValue());
            return out;
        }
        String shape = oneAllowed ? "text or a list of texts" : "a list of node ids";
        if (!v.isArray()) {
            throw new IllegalArgumentException("training." + key + ": must be " + shape + ", got " + v);
        }
        for (int i = 0; i < v.size(); i++) {
            if (!v.get(i).isTextual()) {
                throw new IllegalArgumentException("training." + key + "[" + i + "]: must be text, got " + v.get(i));
            }
            out.add(v.get(i).textValue());
        }
        return out;
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
}
