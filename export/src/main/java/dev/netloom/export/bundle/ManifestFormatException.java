package dev.netloom.export.bundle;

/**
 * A manifest that cannot be read. The message is one line naming the file and the JSON path:
 * {@code manifest.json: $.files["model.onnx"].sha256: expected 64 hex digits}. Text echoed from
 * the file has its control characters escaped, so a hostile manifest cannot break the line.
 */
public final class ManifestFormatException extends Exception {

    private final String source;
    private final String path;
    private final String reason;

    /**
     * @param source the file name
     * @param path   a JSON path such as {@code $.inputs[0].shape}, or a line and column, or empty
     * @param reason what is wrong
     */
    public ManifestFormatException(String source, String path, String reason) {
        super(oneLine(source) + ": " + (path.isEmpty() ? "" : oneLine(path) + ": ") + oneLine(reason), null, false, false);
        this.source = oneLine(source);
        this.path = oneLine(path);
        this.reason = oneLine(reason);
    }

    /** The file name. */
    public String source() {
        return source;
    }

    /** The JSON path, or line and column; may be empty. */
    public String path() {
        return path;
    }

    /** What is wrong, without where. */
    public String reason() {
        return reason;
    }

    static String oneLine(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\t') {
                out.append("\\t");
            } else if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
