package dev.netloom.export.bundle;

import java.util.Locale;

/**
 * Escapes for putting user text (model names, input names) into generated files: a name with a
 * quote, a newline or {@code </script>} in it must not break the example or the page.
 */
final class CodeText {

    private CodeText() {
    }

    /** One line: control characters become spaces. Safe in comments and Markdown text. */
    static String line(String s) {
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) || c == 0x2028 || c == 0x2029 ? ' ' : c));
        return out.toString();
    }

    /** The inside of a double-quoted Swift or Python string (also fine in a comment or docstring). */
    static String quoted(String s) {
        return line(s).replace("\\", "\\\\").replace("\"", "\\\"");
    }

    /** The inside of a double-quoted Kotlin string, where {@code $} starts a template. */
    static String kotlin(String s) {
        return quoted(s).replace("$", "\\$");
    }

    /** Text for HTML element content and attribute values. */
    static String html(String s) {
        return line(s).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    /** A JSON string literal safe inside an HTML {@code <script>}: no {@code </script>} can close it. */
    static String jsString(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == 0x2028 || c == 0x2029) {
                out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
