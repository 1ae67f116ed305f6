package dev.netloom.app.predict;

import java.nio.file.Path;
import java.util.Map;

/**
 * One thing to predict: a raw value for every input of the model.
 *
 * @param source where it came from, for people: a file, {@code file.csv:3}, or the text itself
 * @param values by {@link InputSlot#name()}: a {@link Path} for a picture, a {@link String} for a
 *     text, a {@code Map<String, String>} of cells by column for a row
 */
public record Query(String source, Map<String, Object> values) {

    public Query {
        values = Map.copyOf(values);
    }
}
