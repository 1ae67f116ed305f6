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
        super(oneLine(source) + ": " + (location.isEmpty() ? "" : oneLine(location) + ": ") + oneLine(reason),
                null, false, false);
        this.source = oneLine(source);
        this.location = oneLine(location);
        this.reason = oneLine(reason);
    }

    /**
     * The text with line breaks and other control characters written as backslash escapes, so
     * that text echoed from a hostile file can neither break the message over lines nor send
     * control codes to a terminal.
     */
    static String oneLine(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
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
