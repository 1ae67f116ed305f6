package dev.netloom.graph.catalog;

/** The type of a layer parameter's value. */
public enum ParamType {
    /** A whole number, stored as {@link Integer}. */
    INT,
    /** A real number, stored as {@link Double}. */
    FLOAT,
    /** On or off, stored as {@link Boolean}. */
    BOOL,
    /** One of a fixed list of words, stored as {@link String}. */
    CHOICE,
    /** A list of whole numbers, stored as an unmodifiable {@code List<Integer>}. */
    INT_LIST,
    /**
     * A size in two dimensions (a kernel, stride or padding): a whole number for a square, stored as
     * {@link Integer}, or {@code [height, width]}, stored as an unmodifiable {@code List<Integer>} of two
     * when they differ ({@code [3, 3]} is stored as 3, so files written before rectangles existed read
     * and write the same).
     */
    SIZE_2D
}
