package dev.netloom.app.predict;

import java.util.List;

/**
 * One input a model takes, as a person fills it in: a picture, a text or a table row.
 *
 * @param name the name a query uses for it (the dataset field for an artifact, the ONNX input for a bundle)
 * @param kind what it reads
 * @param columns a table row's column names in input order; empty otherwise
 * @param column the column a manifest (CSV or JSONL laid out like the training data) holds this
 *     input in: the picture's path or the text
 */
public record InputSlot(String name, Kind kind, List<String> columns, String column) {

    /** What an input reads. */
    public enum Kind {
        /** A PNG or JPEG picture file. */
        PICTURE,
        /** A text. */
        TEXT,
        /** A table row: a cell per column. */
        ROW
    }

    public InputSlot {
        columns = List.copyOf(columns);
    }

    /** An input whose manifest column is its name. */
    public InputSlot(String name, Kind kind, List<String> columns) {
        this(name, kind, columns, name);
    }
}
