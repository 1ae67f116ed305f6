package dev.netloom.app.training;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a run takes besides its data, as resolved against its graph and dataset: printed by
 * {@code netloom train}, shown by the Train view, written to the artifact's training.json
 * ({@code adaptation}) and to the run's settings in the workspace (so Compare shows them).
 *
 * @param teachers the teachers, each with its accuracy on this run's validation split
 * @param temperature the distillation temperature (meaningful with teachers)
 * @param distillWeight the distillation term's share of the loss (meaningful with teachers)
 * @param startFrom the start model's folder, or null
 * @param loaded nodes whose weights came from the start model, in graph order
 * @param fresh nodes with weights that started fresh, in graph order
 * @param frozen nodes frozen (weights kept, BatchNorm statistics kept), in graph order
 * @param headNote why the head started fresh (its classes differ from the start model's), or null
 * @param pictureNote how the pictures were standardised for the start model or the teacher, or null
 */
public record AdaptationReport(List<Teacher> teachers, double temperature, double distillWeight, String startFrom,
                               List<String> loaded, List<String> fresh, List<String> frozen, String headNote,
                               String pictureNote) {

    /** Nothing taken besides the data. */
    public static final AdaptationReport NONE = new AdaptationReport(List.of(), 0, 0, null, List.of(), List.of(),
            List.of(), null, null);

    /**
     * A teacher.
     *
     * @param path its model folder, absolute
     * @param validationAccuracy its accuracy on this run's validation split (share)
     */
    public record Teacher(String path, double validationAccuracy) {
    }

    public AdaptationReport {
        teachers = List.copyOf(teachers);
        loaded = List.copyOf(loaded);
        fresh = List.copyOf(fresh);
        frozen = List.copyOf(frozen);
    }

    /** Whether the run takes anything besides its data. */
    public boolean isEmpty() {
        return teachers.isEmpty() && startFrom == null;
    }

    /** The report as lines for a person. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        if (!teachers.isEmpty()) {
            out.add(String.format(Locale.ROOT, "Distilling from %s at temperature %s, weight %s:",
                    teachers.size() == 1 ? "a teacher" : "an ensemble of " + teachers.size() + " teachers (soft targets "
                            + "averaged)", number(temperature), number(distillWeight)));
            teachers.forEach(t -> out.add(String.format(Locale.ROOT, "  teacher %s: %.2f%% on the validation split",
                    t.path(), t.validationAccuracy() * 100)));
        }
        if (startFrom != null) {
            out.add("Starting from " + startFrom + ":");
            out.add("  loaded (" + loaded.size() + "): " + list(loaded));
            out.add("  new (" + fresh.size() + "): " + list(fresh));
            out.add("  frozen (" + frozen.size() + "): " + list(frozen));
            if (headNote != null) {
                out.add("  " + headNote);
            }
        }
        if (pictureNote != null) {
            out.add("  " + pictureNote);
        }
        return out;
    }

    /** The report as training.json's {@code adaptation} object. */
    public ObjectNode toJson() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode o = f.objectNode();
        if (!teachers.isEmpty()) {
            var array = o.putArray("teachers");
            teachers.forEach(t -> array.addObject().put("path", t.path())
                    .put("validationAccuracy", t.validationAccuracy()));
            o.put("temperature", temperature);
            o.put("distillWeight", distillWeight);
        }
        if (startFrom != null) {
            o.put("startFrom", startFrom);
            loaded.forEach(o.putArray("loaded")::add);
            fresh.forEach(o.putArray("new")::add);
            frozen.forEach(o.putArray("frozen")::add);
            if (headNote != null) {
                o.put("head", headNote);
            }
        }
        if (pictureNote != null) {
            o.put("pictures", pictureNote);
        }
        return o;
    }

    /**
     * The run's settings JSON for the workspace with these added as settings (teacher,
     * temperature, distillWeight, startFrom, frozen), so that Compare lists them beside the rest.
     */
    public ObjectNode addTo(ObjectNode settings) {
        if (!teachers.isEmpty()) {
            settings.put("teacher", String.join(", ", teachers.stream().map(Teacher::path).toList()));
            settings.put("temperature", temperature);
            settings.put("distillWeight", distillWeight);
        }
        if (startFrom != null) {
            settings.put("startFrom", startFrom);
            settings.put("frozen", String.join(", ", frozen));
        }
        return settings;
    }

    private static String list(List<String> nodes) {
        return nodes.isEmpty() ? "none" : String.join(", ", nodes);
    }

    private static String number(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
