package dev.netloom.app.runs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** Two runs' settings (JSON) as one row per setting, nested values flattened to dotted keys. */
public final class SettingsDiff {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SettingsDiff() {
    }

    /** Every setting of either run, in key order; unreadable JSON counts as no settings. */
    public static List<SettingDifference> of(String first, String second) {
        Map<String, String> a = flatten(first);
        Map<String, String> b = flatten(second);
        TreeSet<String> keys = new TreeSet<>(a.keySet());
        keys.addAll(b.keySet());
        List<SettingDifference> rows = new ArrayList<>();
        for (String key : keys) {
            rows.add(new SettingDifference(key, a.getOrDefault(key, ""), b.getOrDefault(key, "")));
        }
        return rows;
    }

    static Map<String, String> flatten(String json) {
        Map<String, String> out = new TreeMap<>();
        try {
            JsonNode root = JSON.readTree(json == null ? "{}" : json);
            flatten("", root, out);
        } catch (IOException e) {
            // A damaged settings column shows as a run without settings rather than breaking the view.
        }
        return out;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                flatten(prefix.isEmpty() ? f.getKey() : prefix + "." + f.getKey(), f.getValue(), out);
            }
        } else if (!prefix.isEmpty()) {
            out.put(prefix, node.isTextual() ? node.asText() : node.toString());
        }
    }
}
