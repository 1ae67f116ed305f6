package dev.netloom.graph.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Two JSON trees (training settings, a data section, a dataset record) as one row per value,
 * nested objects flattened to dotted keys, in key order. Arrays are compared whole (one row).
 */
public final class JsonDiff {

    private JsonDiff() {
    }

    /** Every value of either tree, marked where they differ; null counts as an empty tree. */
    public static List<ValueChange> of(JsonNode first, JsonNode second) {
        Map<String, String> a = flatten(first);
        Map<String, String> b = flatten(second);
        TreeSet<String> keys = new TreeSet<>(a.keySet());
        keys.addAll(b.keySet());
        List<ValueChange> rows = new ArrayList<>();
        for (String key : keys) {
            rows.add(new ValueChange(key, a.getOrDefault(key, ""), b.getOrDefault(key, "")));
        }
        return rows;
    }

    /** Only the values that differ. */
    public static List<ValueChange> differences(JsonNode first, JsonNode second) {
        return of(first, second).stream().filter(ValueChange::differs).toList();
    }

    /** The tree's values by dotted key, as text (strings unquoted, everything else as JSON). */
    public static Map<String, String> flatten(JsonNode node) {
        Map<String, String> out = new TreeMap<>();
        flatten("", node == null ? MissingNode.getInstance() : node, out);
        return out;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                flatten(prefix.isEmpty() ? f.getKey() : prefix + "." + f.getKey(), f.getValue(), out);
            }
        } else if (!prefix.isEmpty() && !node.isMissingNode()) {
            out.put(prefix, node.isTextual() ? node.asText() : node.toString());
        }
    }
}
