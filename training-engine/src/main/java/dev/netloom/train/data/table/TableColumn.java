package dev.netloom.train.data.table;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * How one table column becomes numbers: a number column gives one value, a category column a
 * one-hot block over the categories seen in the training split (sorted).
 *
 * @param name the column
 * @param categories the categories in one-hot order; empty for a number column
 */
public record TableColumn(String name, List<String> categories) {

    /** The share of number cells that makes a column a number column. */
    public static final double NUMBER_SHARE = 0.9;

    public TableColumn {
        categories = List.copyOf(categories);
    }

    /**
     * A number column when at least {@value #NUMBER_SHARE} of the training cells are finite
     * numbers (so one typo does not turn a measurement into categories; the typo's row is then
     * skipped), else a category column.
     */
    public static TableColumn learn(String name, List<Row> training) {
        long numbers = training.stream().filter(r -> number(r.cell(name)) != null).count();
        if (numbers > 0 && numbers >= NUMBER_SHARE * training.size()) {
            return new TableColumn(name, List.of());
        }
        return new TableColumn(name, new ArrayList<>(new TreeSet<>(training.stream().map(r -> r.cell(name)).toList())));
    }

    public boolean isNumber() {
        return categories.isEmpty();
    }

    /** How many values the column gives. */
    public int width() {
        return isNumber() ? 1 : categories.size();
    }

    /**
     * Writes the cell's values at {@code offset}.
     *
     * @return null, or why the cell cannot be used
     */
    public String encode(String cell, float[] out, int offset) {
        if (cell.isEmpty()) {
            return "empty cell in column \"" + name + "\"";
        }
        if (isNumber()) {
            Double v = number(cell);
            if (v == null) {
                return tooLarge(cell) ? "bad value \"" + cell + "\" in column \"" + name + "\": beyond the range of "
                        + "training's 32-bit numbers (about ±3.4e38)" : "\"" + cell + "\" in column \"" + name
                        + "\" is not a number";
            }
            out[offset] = v.floatValue();
            return null;
        }
        int i = categories.indexOf(cell);
        if (i < 0) {
            return "unknown category \"" + cell + "\" in column \"" + name + "\" (not in the training split)";
        }
        out[offset + i] = 1f;
        return null;
    }

    /** What {@code preprocess.json} records for the column (number statistics are added by the reader). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("type", isNumber() ? "number" : "category");
        if (!isNumber()) {
            m.put("categories", categories);
        }
        return m;
    }

    /**
     * The cell as a number when it is one that training's 32-bit floats hold: 1e300 is a number
     * in a double but infinity as a float, and would become NaN after normalisation.
     */
    private static Double number(String cell) {
        try {
            double v = Double.parseDouble(cell);
            return Double.isFinite(v) && Math.abs(v) <= Float.MAX_VALUE ? v : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A number, but too large (or infinite) for a 32-bit float. */
    private static boolean tooLarge(String cell) {
        try {
            double v = Double.parseDouble(cell);
            return !Double.isNaN(v) && !(Math.abs(v) <= Float.MAX_VALUE);
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
