package dev.netloom.app.diff;

import com.fasterxml.jackson.databind.JsonNode;
import dev.netloom.graph.diff.GraphDiff;
import dev.netloom.graph.diff.JsonDiff;
import dev.netloom.graph.diff.ValueChange;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Every difference between two models, grouped as a person compares them: training settings,
 * data, the graph, and the other sections. The Runs view's Compare and {@code netloom diff}
 * show the same object.
 *
 * @param first the first side's name
 * @param second the second side's name
 * @param training every training setting of either side, marked where they differ
 * @param data every data value of either side (source, size, split, fingerprint), marked where they differ
 * @param other every value of the other sections (search, export), keyed {@code section.key}
 * @param graph the graph's differences, or null when either side's graph is not known
 */
public record ModelDiff(String first, String second, List<ValueChange> training, List<ValueChange> data,
                        List<ValueChange> other, GraphDiff graph) {

    public ModelDiff {
        training = List.copyOf(training);
        data = List.copyOf(data);
        other = List.copyOf(other);
    }

    /** The differences from {@code a} to {@code b}. */
    public static ModelDiff of(ModelSide a, ModelSide b) {
        List<ValueChange> other = new ArrayList<>();
        TreeSet<String> sections = new TreeSet<>(a.other().keySet());
        sections.addAll(b.other().keySet());
        for (String s : sections) {
            for (ValueChange v : JsonDiff.of(a.other().get(s), b.other().get(s))) {
                other.add(new ValueChange(s + "." + v.key(), v.first(), v.second()));
            }
        }
        GraphDiff graph = a.graph() == null || b.graph() == null ? null : GraphDiff.of(a.graph(), b.graph());
        return new ModelDiff(a.name(), b.name(), JsonDiff.of(a.training(), b.training()),
                JsonDiff.of(a.data(), b.data()), other, graph);
    }

    /** Two sides of different kinds: one line saying so, or empty when they can be compared. */
    public static java.util.Optional<String> mismatch(ModelSide a, ModelSide b) {
        return a.kind().equals(b.kind()) ? java.util.Optional.empty()
                : java.util.Optional.of(a.name() + " is a " + a.kind() + " and " + b.name() + " a " + b.kind()
                        + ": compare two project files or two model folders");
    }

    private static List<ValueChange> differing(List<ValueChange> rows) {
        return rows.stream().filter(ValueChange::differs).toList();
    }

    /** How many differences in all (a changed node counts once). */
    public int count() {
        int n = differing(training).size() + differing(data).size() + differing(other).size();
        if (graph != null) {
            n += graph.added().size() + graph.removed().size() + graph.changed().size()
                    + graph.edgesAdded().size() + graph.edgesRemoved().size();
        }
        return n;
    }

    /** "2 training settings, the data and the graph differ", or "no differences". */
    public String summary() {
        List<String> parts = new ArrayList<>();
        int t = differing(training).size();
        if (t > 0) {
            parts.add(t + " training setting" + (t == 1 ? "" : "s"));
        }
        if (!differing(data).isEmpty()) {
            parts.add("the data");
        }
        if (graph != null && !graph.isEmpty()) {
            parts.add("the graph");
        }
        int o = differing(other).size();
        if (o > 0) {
            parts.add(o + " other setting" + (o == 1 ? "" : "s"));
        }
        if (parts.isEmpty()) {
            return graph == null ? "no differences in what was recorded (the graph is not known for both)"
                    : "no differences";
        }
        String list = parts.size() == 1 ? parts.get(0)
                : String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
        boolean one = parts.size() == 1 && (parts.get(0).startsWith("1 ") || parts.get(0).startsWith("the "));
        return list + (one ? " differs" : " differ");
    }

    /** The report {@code netloom diff} prints: a heading per group, one line per difference. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        out.add("first:  " + first);
        out.add("second: " + second);
        group(out, "Training settings", differing(training));
        group(out, "Data", differing(data));
        if (graph == null) {
            out.add("Graph: not known for both sides");
        } else {
            out.add("Graph: " + graph.summary());
            graph.lines().forEach(l -> out.add("  " + l));
        }
        if (!differing(other).isEmpty()) {
            group(out, "Other sections", differing(other));
        }
        out.add(summary().substring(0, 1).toUpperCase(java.util.Locale.ROOT) + summary().substring(1) + ".");
        return out;
    }

    private static void group(List<String> out, String title, List<ValueChange> rows) {
        out.add(title + ": " + (rows.isEmpty() ? "same" : rows.size() + " differ"));
        rows.forEach(r -> out.add("  " + r));
    }

    /** A JSON tree made from plain values (a run's dataset name and fingerprint). */
    static JsonNode object(Map<String, String> values) {
        com.fasterxml.jackson.databind.node.ObjectNode o = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
        values.forEach((k, v) -> {
            if (v != null) {
                o.put(k, v);
            }
        });
        return o;
    }
}
