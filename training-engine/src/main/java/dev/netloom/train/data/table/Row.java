package dev.netloom.train.data.table;

import java.util.Map;

/**
 * One row of a CSV or JSONL source: its number in the file and its cells by column name.
 *
 * @param number the CSV line (header = 1) or JSONL line, 1-based
 * @param cells the cells, trimmed; absent columns are absent
 */
public record Row(long number, Map<String, String> cells) {

    public Row {
        cells = Map.copyOf(cells);
    }

    /** The cell, or "" when it is missing. */
    public String cell(String column) {
        return cells.getOrDefault(column, "");
    }
}
