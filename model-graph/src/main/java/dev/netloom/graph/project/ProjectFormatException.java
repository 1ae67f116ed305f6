package dev.netloom.graph.project;

/**
 * A project file that cannot be read, with where: the file, and the JSON path (or line and
 * column) inside it. {@link #getMessage()} is one line fit for a terminal, for example
 * {@code cnn.netloom: graph.nodes[2].params.filters: must be an integer from 1 to 8192, got 0}.
 */
public final class ProjectFormatException extends Exception {

    private final String source;
    private final String location;
    private final String reason;

    public ProjectFormatException(String source, String location, String reason) {
        super(source + ": " + (location.isEmpty() ? "" : location + ": ") + reason, null, false, false);
        this.source = source;
        this.location = location;
        this.reason = reason;
    }

    /** The file name, or another name for where the text came from. */
    public String source() {
        return source;
    }

    /** A JSON path such as {@code graph.nodes[2].params.filters}, or {@code line 4, column 7}; may be empty. */
    public String location() {
        return location;
    }

    /** What is wrong, without the location. */
    public String reason() {
        return reason;
    }
}
