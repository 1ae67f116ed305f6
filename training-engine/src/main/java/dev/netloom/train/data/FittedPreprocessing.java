package dev.netloom.train.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.netloom.train.data.table.FittedTable;
import dev.netloom.train.data.text.Tokenizer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * How a trained model sees data: the preprocessing learned on its training split (per field:
 * picture size and per-channel mean/std, tokenizer settings, table columns with their statistics
 * and categories, as in {@code preprocess.json}), its vocabulary and its class list. Readers given
 * one in {@link DataRequest#fitted()} apply it instead of learning statistics from the new data,
 * and label examples by the model's classes: examples of other classes and rows with a category
 * the model never saw are skipped and reported.
 *
 * @param classes the model's classes, in output order
 * @param fields per field name, its preprocessing (plain JSON-able maps)
 * @param vocabulary the tokens in id order, empty without text
 */
public record FittedPreprocessing(List<String> classes, Map<String, Map<String, Object>> fields,
                                  List<String> vocabulary) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public FittedPreprocessing {
        classes = List.copyOf(classes);
        Map<String, Map<String, Object>> copy = new LinkedHashMap<>();
        fields.forEach((k, v) -> copy.put(k, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(v))));
        fields = java.util.Collections.unmodifiableMap(copy);
        vocabulary = List.copyOf(vocabulary);
        if (classes.isEmpty()) {
            throw new IllegalArgumentException("a trained model has at least one class");
        }
    }

    /**
     * From a model artifact's parts.
     *
     * @param preprocess the {@code preprocess.json} tree ({@code fields} is read)
     * @param classes {@code labels.txt}
     * @param vocabulary {@code vocab.txt}, or empty
     */
    @SuppressWarnings("unchecked")
    public static FittedPreprocessing of(JsonNode preprocess, List<String> classes, List<String> vocabulary) {
        Map<String, Map<String, Object>> fields = new LinkedHashMap<>();
        preprocess.path("fields").fields().forEachRemaining(e ->
                fields.put(e.getKey(), JSON.convertValue(e.getValue(), Map.class)));
        return new FittedPreprocessing(classes, fields, vocabulary);
    }

    /** A field's preprocessing, if the model recorded one. */
    public Optional<Map<String, Object>> field(String name) {
        return Optional.ofNullable(fields.get(name));
    }

    /** The model's per-channel statistics for a picture field, if it recorded them. */
    public Optional<Normalisation> normalisation(String field) {
        return field(field).flatMap(m -> {
            float[] mean = floats(m.get("mean"));
            float[] std = floats(m.get("std"));
            return mean == null || std == null || mean.length != std.length ? Optional.empty()
                    : Optional.of(new Normalisation(mean, std));
        });
    }

    /**
     * The model's tokenizer for a text field, if it recorded one.
     *
     * @throws IOException when the recorded tokenizer does not fit the vocabulary
     */
    public Optional<Tokenizer> tokenizer(String field) throws IOException {
        Optional<Map<String, Object>> m = field(field).filter(f -> f.containsKey("tokenizer"));
        if (m.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Tokenizer.rebuild(vocabulary, m.get()));
        } catch (IllegalArgumentException e) {
            throw new IOException("the model's tokenizer for \"" + field + "\": " + e.getMessage());
        }
    }

    /**
     * The model's table columns for a table field, if it recorded them.
     *
     * @throws IOException when the recorded columns are malformed
     */
    public Optional<FittedTable> table(String field) throws IOException {
        Optional<Map<String, Object>> m = field(field).filter(f -> f.get("columns") instanceof List<?>);
        return m.isEmpty() ? Optional.empty() : Optional.of(FittedTable.of(m.get()));
    }

    /** The class index the model gives {@code label}, or -1 when the model does not know it. */
    public int classIndex(String label) {
        return classes.indexOf(label);
    }

    /** Why an example of class {@code label} is skipped. */
    public String unknownClass(String label) {
        return "class \"" + label + "\" is not one the model knows";
    }

    /** The refusal of a source none of whose classes the model knows, naming both lists. */
    public IOException noKnownClass(String source, Collection<String> found) {
        return new IOException(source + ": none of its classes (" + names(new TreeSet<>(found))
                + ") is one the model knows (" + names(classes) + ")");
    }

    /**
     * Re-labels examples labelled by {@code from} with the model's classes; examples of a class the
     * model does not know are skipped and reported as {@code source:N} (N counts from 1).
     */
    public Examples relabel(Examples examples, List<String> from, String source, DataReport report) {
        if (from.equals(classes)) {
            return examples;
        }
        List<Integer> kept = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int i = 0; i < examples.size(); i++) {
            String name = from.get(examples.labels()[i]);
            int to = classIndex(name);
            if (to < 0) {
                report.skipped(new DataIssue(source, i + 1, unknownClass(name)));
            } else {
                kept.add(i);
                labels.add(to);
            }
        }
        Examples picked = examples.select(kept.stream().mapToInt(Integer::intValue).toArray());
        return new Examples(picked.fields(), labels.stream().mapToInt(Integer::intValue).toArray());
    }

    /**
     * Re-labels every split of a dataset labelled by {@code from} with the model's classes.
     *
     * @throws IOException when no example of any split is of a class the model knows
     */
    public Splits relabel(Splits splits, List<String> from, String source, DataReport report) throws IOException {
        Splits out = new Splits(relabel(splits.train(), from, source + " (training split)", report),
                relabel(splits.validation(), from, source + " (validation split)", report),
                relabel(splits.test(), from, source + " (test split)", report));
        if (out.train().size() + out.validation().size() + out.test().size() == 0) {
            throw noKnownClass(source, from);
        }
        return out;
    }

    private static String names(Collection<String> names) {
        List<String> list = new ArrayList<>(names);
        String shown = String.join(", ", list.subList(0, Math.min(12, list.size())));
        return list.size() > 12 ? shown + ", ... " + list.size() + " in all" : shown;
    }

    private static float[] floats(Object value) {
        if (!(value instanceof List<?> list) || list.isEmpty()) {
            return null;
        }
        float[] out = new float[list.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(list.get(i) instanceof Number n)) {
                return null;
            }
            out[i] = n.floatValue();
        }
        return out;
    }
}
