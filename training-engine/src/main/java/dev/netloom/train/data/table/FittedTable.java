package dev.netloom.train.data.table;

import dev.netloom.train.data.Normalisation;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A trained model's table columns, as {@code preprocess.json} records them: each column's type,
 * a number column's training mean and std, a category column's categories in one-hot order. Rows
 * are encoded with these, never with statistics of the rows being read.
 *
 * @param label the label column the model was trained with
 * @param columns the feature columns in input order
 * @param normalisation per feature value: number columns' statistics, one-hot values mean 0 std 1
 */
public record FittedTable(String label, List<TableColumn> columns, Normalisation normalisation) {

    public FittedTable {
        columns = List.copyOf(columns);
    }

    /**
     * Reads the table entry of {@code preprocess.json}.
     *
     * @throws IOException one line naming the column whose record is malformed
     */
    public static FittedTable of(Map<String, Object> table) throws IOException {
        List<TableColumn> columns = new ArrayList<>();
        List<Float> mean = new ArrayList<>();
        List<Float> std = new ArrayList<>();
        if (!(table.get("columns") instanceof List<?> described)) {
            throw new IOException("the model's table preprocessing has no columns");
        }
        for (int i = 0; i < described.size(); i++) {
            if (!(described.get(i) instanceof Map<?, ?> c) || !(c.get("name") instanceof String name)) {
                throw new IOException("the model's table preprocessing: columns[" + i + "] has no name");
            }
            if ("number".equals(c.get("type"))) {
                if (!(c.get("mean") instanceof Number m) || !(c.get("std") instanceof Number s) || s.doubleValue() == 0) {
                    throw new IOException("the model's table preprocessing: column \"" + name + "\" has no mean and std");
                }
                columns.add(new TableColumn(name, List.of()));
                mean.add(m.floatValue());
                std.add(s.floatValue());
            } else if (c.get("categories") instanceof List<?> categories && !categories.isEmpty()) {
                columns.add(new TableColumn(name, categories.stream().map(String::valueOf).toList()));
                for (int k = 0; k < categories.size(); k++) {
                    mean.add(0f);
                    std.add(1f);
                }
            } else {
                throw new IOException("the model's table preprocessing: column \"" + name + "\" has no categories");
            }
        }
        float[] m = new float[mean.size()];
        float[] s = new float[std.size()];
        for (int i = 0; i < m.length; i++) {
            m[i] = mean.get(i);
            s[i] = std.get(i);
        }
        Object label = table.get("label");
        return new FittedTable(label == null ? "label" : String.valueOf(label), columns, new Normalisation(m, s));
    }

    /** Values per row: numbers plus one-hot blocks. */
    public int width() {
        return columns.stream().mapToInt(TableColumn::width).sum();
    }

    /** The feature columns' names, in input order. */
    public List<String> names() {
        return columns.stream().map(TableColumn::name).toList();
    }

    /**
     * Encodes one row's cells and standardises them, writing {@link #width()} values at {@code offset}.
     *
     * @return null, or why the row cannot be used (an empty cell, a non-number, an unknown category)
     */
    public String encode(Map<String, String> cells, float[] out, int offset) {
        java.util.Arrays.fill(out, offset, offset + width(), 0f);
        int at = offset;
        for (TableColumn c : columns) {
            String problem = c.encode(cells.getOrDefault(c.name(), ""), out, at);
            if (problem != null) {
                return problem;
            }
            at += c.width();
        }
        float[] mean = normalisation.mean();
        float[] std = normalisation.std();
        for (int i = 0; i < mean.length; i++) {
            out[offset + i] = (out[offset + i] - mean[i]) / std[i];
        }
        return null;
    }
}
