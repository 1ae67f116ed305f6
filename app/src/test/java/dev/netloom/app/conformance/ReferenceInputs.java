package dev.netloom.app.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.netloom.graph.artifact.Tensor;
import dev.netloom.train.data.DataReport;
import dev.netloom.train.data.Examples;
import dev.netloom.train.data.Field;
import dev.netloom.train.data.FieldKind;
import dev.netloom.train.data.image.PictureConversion;
import dev.netloom.train.data.image.PictureFile;
import dev.netloom.train.data.image.PictureSize;
import dev.netloom.train.data.table.Row;
import dev.netloom.train.data.table.Rows;
import dev.netloom.train.data.table.TableColumn;
import dev.netloom.train.data.text.Tokenizer;
import dev.netloom.train.artifact.ModelArtifact;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The held-out examples as the training engine itself turns them into model inputs: its picture
 * conversion, table columns and tokenizer, with the artifact's own statistics, categories and
 * vocabulary (preprocess.json, vocab.txt). The reference every bundle example is held to.
 *
 * @param ids      each example's id, as the examples print it ("stripes/stripes-0.png", "row 2")
 * @param labels   each example's class index in the model's classes
 * @param byField  the input values by dataset field, all examples one after another
 * @param shapes   each field's shape per example
 */
record ReferenceInputs(List<String> ids, int[] labels, Map<String, Object> byField, Map<String, int[]> shapes) {

    int size() {
        return ids.size();
    }

    /** The inputs as the model's ONNX inputs (named after the graph's input nodes), all examples in one batch. */
    Map<String, Tensor> onnxInputs(JsonNode preprocess) {
        return onnxInputs(preprocess, 0, size());
    }

    /** Examples {@code from} to {@code to} (exclusive) as the model's ONNX inputs, one batch. */
    Map<String, Tensor> onnxInputs(JsonNode preprocess, int from, int to) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (JsonNode in : preprocess.path("inputs")) {
            String field = in.path("field").asText();
            int[] shape = shapes.get(field);
            long[] dims = new long[shape.length + 1];
            dims[0] = to - from;
            int per = 1;
            for (int i = 0; i < shape.length; i++) {
                dims[i + 1] = shape[i];
                per *= shape[i];
            }
            Object values = byField.get(field);
            out.put(in.path("node").asText(), values instanceof long[] ids
                    ? Tensor.ofLongs(java.util.Arrays.copyOfRange(ids, from * per, to * per), dims)
                    : Tensor.of(java.util.Arrays.copyOfRange((float[]) values, from * per, to * per), dims));
        }
        return out;
    }

    /** The inputs as the training engine's examples, for its own evaluation (what netloom eval runs). */
    Examples examples(JsonNode preprocess) {
        List<Field> fields = new ArrayList<>();
        for (JsonNode in : preprocess.path("inputs")) {
            String field = in.path("field").asText();
            Object values = byField.get(field);
            fields.add(values instanceof long[] ids ? Field.tokens(field, shapes.get(field)[0], ids)
                    : Field.floats(field, "features".equals(field) ? FieldKind.FEATURES : FieldKind.IMAGE,
                    shapes.get(field), (float[]) values));
        }
        return new Examples(fields, labels);
    }

    /** Reads DATA (a folder of class folders, or a CSV laid out like the training data) for the artifact. */
    static ReferenceInputs read(ModelArtifact.Loaded model, Path data) throws IOException {
        JsonNode pre = model.preprocess();
        List<String> ids = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        List<Map<String, Object>> rows = new ArrayList<>(); // field -> raw value (picture path, text, row)
        if (Files.isDirectory(data)) {
            for (Path classFolder : sorted(data)) {
                if (!Files.isDirectory(classFolder)) {
                    continue;
                }
                for (Path picture : sorted(classFolder)) {
                    ids.add(data.relativize(picture).toString());
                    labels.add(classFolder.getFileName().toString());
                    rows.add(Map.of(pre.path("inputs").get(0).path("field").asText(), picture));
                }
            }
        } else {
            Rows table = Rows.read(data, new DataReport());
            for (Row row : table.rows()) {
                Map<String, Object> raw = new LinkedHashMap<>();
                String label = null;
                for (JsonNode in : pre.path("inputs")) {
                    String field = in.path("field").asText();
                    JsonNode f = pre.path("fields").path(field);
                    label = f.path("label").asText(label == null ? "label" : label);
                    switch (f.path("kind").asText()) {
                        case "image" -> raw.put(field, data.toAbsolutePath().getParent().resolve(row.cell(f.path("column").asText())));
                        case "tokens" -> raw.put(field, row.cell(f.path("column").asText()));
                        default -> raw.put(field, row);
                    }
                }
                ids.add("row " + row.number());
                labels.add(row.cell(label));
                rows.add(raw);
            }
        }
        Map<String, Object> byField = new LinkedHashMap<>();
        Map<String, int[]> shapes = new LinkedHashMap<>();
        for (JsonNode in : pre.path("inputs")) {
            String field = in.path("field").asText();
            JsonNode f = pre.path("fields").path(field);
            switch (f.path("kind").asText()) {
                case "image" -> {
                    PictureSize size = new PictureSize(f.path("channels").asInt(), f.path("height").asInt(),
                            f.path("width").asInt());
                    float[] all = new float[rows.size() * size.values()];
                    float[] mean = floats(f.path("mean")), std = floats(f.path("std"));
                    int plane = size.height() * size.width();
                    for (int e = 0; e < rows.size(); e++) {
                        Path file = (Path) rows.get(e).get(field);
                        PictureFile read = PictureFile.read(file);
                        if (read.problem() != null) {
                            throw new IOException(file + ": " + read.problem());
                        }
                        PictureConversion.toFloats(read.picture(), size, all, e * size.values());
                        for (int i = 0; i < size.values(); i++) {
                            int c = i / plane;
                            all[e * size.values() + i] = (all[e * size.values() + i] - mean[c]) / std[c];
                        }
                    }
                    byField.put(field, all);
                    shapes.put(field, size.shape());
                }
                case "tokens" -> {
                    Map<String, Object> settings = new ObjectMapper().convertValue(f, Map.class);
                    Tokenizer tokenizer = Tokenizer.rebuild(model.vocabulary(), settings);
                    int length = f.path("length").asInt();
                    long[] all = new long[rows.size() * length];
                    for (int e = 0; e < rows.size(); e++) {
                        tokenizer.encodeInto((String) rows.get(e).get(field), all, e * length, length);
                    }
                    byField.put(field, all);
                    shapes.put(field, new int[] {length});
                }
                default -> {
                    List<TableColumn> columns = new ArrayList<>();
                    for (JsonNode c : f.path("columns")) {
                        List<String> categories = new ArrayList<>();
                        c.path("categories").forEach(x -> categories.add(x.asText()));
                        columns.add(new TableColumn(c.path("name").asText(), categories));
                    }
                    int width = f.path("features").asInt();
                    float[] all = new float[rows.size() * width];
                    for (int e = 0; e < rows.size(); e++) {
                        Row row = (Row) rows.get(e).get(field);
                        int at = e * width;
                        int k = 0;
                        for (TableColumn c : columns) {
                            String problem = c.encode(row.cell(c.name()), all, at);
                            if (problem != null) {
                                throw new IOException(data + ": row " + row.number() + ": " + problem);
                            }
                            if (c.isNumber()) {
                                JsonNode col = f.path("columns").get(k);
                                all[at] = (all[at] - (float) col.path("mean").asDouble()) / (float) col.path("std").asDouble();
                            }
                            at += c.width();
                            k++;
                        }
                    }
                    byField.put(field, all);
                    shapes.put(field, new int[] {width});
                }
            }
        }
        int[] labelIndex = labels.stream().mapToInt(l -> {
            int i = model.classes().indexOf(l);
            if (i < 0) {
                throw new IllegalStateException("held-out label " + l + " is not one of " + model.classes());
            }
            return i;
        }).toArray();
        return new ReferenceInputs(ids, labelIndex, byField, shapes);
    }

    private static float[] floats(JsonNode array) {
        float[] out = new float[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) array.get(i).asDouble();
        }
        return out;
    }

    private static List<Path> sorted(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString())).toList();
        }
    }
}
