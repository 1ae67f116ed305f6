package dev.netloom.graph.search;

/**
 * A search range that is not allowed, and which field of it is wrong, so a file reader can name
 * the JSON path ({@code search.parameters[2].high}) and the property sheet the editor.
 */
public final class SearchRangeException extends IllegalArgumentException {

    private final String field;

    /**
     * @param field the field at fault: {@code target}, {@code kind}, {@code low}, {@code high},
     *     {@code step}, {@code log} or {@code choices} (with an index, {@code choices[1]})
     * @param reason what is wrong, one line, without the field
     */
    public SearchRangeException(String field, String reason) {
        super(reason);
        this.field = field;
    }

    /** The field at fault, for example {@code high}. */
    public String field() {
        return field;
    }

    /** "high: 100000 is above units' maximum 65536". */
    public String describe() {
        return field + ": " + getMessage();
    }
}
