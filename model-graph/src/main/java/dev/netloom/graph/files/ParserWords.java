package dev.netloom.graph.files;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JSON parser's complaint in our words: the parser (Jackson) names its own option and class
 * names ({@code JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS}, {@code StreamReadConstraints},
 * {@code [Source: REDACTED ...]}), which mean nothing to someone editing a project file. The
 * location it gives is kept as line and column.
 */
public final class ParserWords {

    private static final Pattern MARKER = Pattern.compile(
            "\\((?:start marker at|for (Object|Array) starting at) \\[Source: [^;\\]]*(?:\\([^)]*\\))?[^;\\]]*; "
                    + "line: (\\d+), column: (\\d+)]\\)");
    private static final Pattern LIMIT = Pattern.compile(
            "(Name|Number value|String value) length \\(([\\d,]+)\\) exceeds the maximum allowed \\(([\\d,]+)(?:, from `[^`]*`)?\\)");
    private static final Pattern DEPTH = Pattern.compile(
            "Document nesting depth \\(([\\d,]+)\\) exceeds the maximum allowed \\(([\\d,]+)(?:, from `[^`]*`)?\\)");
    private static final Pattern NON_NUMERIC = Pattern.compile("Non-standard token '([^']*)': enable `[^`]*` to allow");
    private static final Pattern CLASS_PREFIX = Pattern.compile("\\b(?:[a-z][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error): ");

    private ParserWords() {
    }

    /** The message without the parser's class and option names; locations kept as line and column. */
    public static String plain(String message) {
        if (message == null || message.isBlank()) {
            return "not valid JSON";
        }
        String m = message.lines().findFirst().orElse(message);
        Matcher marker = MARKER.matcher(m);
        StringBuilder out = new StringBuilder();
        while (marker.find()) {
            String what = marker.group(1) == null ? "" : marker.group(1).equals("Object") ? "the object " : "the list ";
            marker.appendReplacement(out, Matcher.quoteReplacement("(" + what + "opened at line " + marker.group(2)
                    + ", column " + marker.group(3) + ")"));
        }
        marker.appendTail(out);
        m = out.toString();
        m = m.replace("expected close marker for Object", "expected '}' to close an object")
                .replace("expected close marker for Array", "expected ']' to close a list");
        Matcher limit = LIMIT.matcher(m);
        if (limit.find()) {
            String what = switch (limit.group(1)) {
                case "Name" -> "a key of " + limit.group(2) + " characters is longer than the " + limit.group(3);
                case "Number value" -> "a number of " + limit.group(2) + " digits is longer than the " + limit.group(3);
                default -> "a text of " + limit.group(2) + " characters is longer than the " + limit.group(3);
            };
            m = limit.replaceFirst(Matcher.quoteReplacement(what + " allowed"));
        }
        m = DEPTH.matcher(m).replaceFirst("nested $1 levels deep; at most $2 levels are allowed");
        m = NON_NUMERIC.matcher(m).replaceFirst("'$1' is not a JSON number (write a number, or null)");
        m = m.replaceFirst("maybe a \\(non-standard\\) comment\\? \\(not recognized as one since Feature '\\w+' not enabled "
                + "for parser\\)", "comments are not allowed in JSON");
        m = CLASS_PREFIX.matcher(m).replaceAll("");
        // Whatever names an option or a source the rules above did not foresee is left out.
        m = m.replaceAll("\\s*\\(?`[^`]*`\\)?", "").replaceAll("\\s*\\[Source:[^\\]]*]", "")
                .replaceAll("\\b\\w+(Feature|Constraints)\\.\\w+(\\(\\))?", "");
        return m.strip();
    }
}
