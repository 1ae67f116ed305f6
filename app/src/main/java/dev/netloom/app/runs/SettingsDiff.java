package dev.netloom.app.runs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.netloom.graph.diff.JsonDiff;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/** Two runs' settings (JSON) as one row per setting, nested values flattened to dotted keys. */
public final class SettingsDiff {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SettingsDiff() {
    }

    /** Every setting of either run, in key order; unreadable JSON counts as no settings. */
    public static List<SettingDifference> of(String first, String second) {
        return JsonDiff.of(parse(first), parse(second)).stream()
                .map(v -> new SettingDifference(v.key(), v.first(), v.second())).toList();
    }

    static Map<String, String> flatten(String json) {
        return JsonDiff.flatten(parse(json));
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json == null ? "{}" : json);
        } catch (IOException e) {
            // A damaged settings column shows as a run without settings rather than breaking the view.
            return null;
        }
    }
}
