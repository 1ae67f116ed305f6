package dev.netloom.graph.catalog;

import java.util.ArrayList;
import java.util.List;

/**
 * The string literals of a Java source file with their line numbers: enough of a lexer to skip
 * comments, character literals and text blocks, so that a word in a Javadoc or a comment is not
 * taken for a literal and a quote inside a comment does not derail the rest of the file.
 */
final class JavaStringLiterals {

    /** One literal: its value as written between the quotes (escapes kept) and its line. */
    record Literal(String value, int line) {
    }

    private JavaStringLiterals() {
    }

    static List<Literal> of(String source) {
        List<Literal> out = new ArrayList<>();
        int line = 1;
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            if (c == '\n') {
                line++;
                i++;
            } else if (source.startsWith("//", i)) {
                while (i < n && source.charAt(i) != '\n') {
                    i++;
                }
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                line += count(source, i, end);
                i = end;
            } else if (source.startsWith("\"\"\"", i)) {
                int end = closingTextBlock(source, i + 3);
                line += count(source, i, end);
                i = end;
            } else if (c == '"' || c == '\'') {
                int start = i + 1;
                int j = start;
                while (j < n && source.charAt(j) != c && source.charAt(j) != '\n') {
                    j += source.charAt(j) == '\\' ? 2 : 1;
                }
                if (c == '"') {
                    out.add(new Literal(source.substring(start, Math.min(j, n)), line));
                }
                i = Math.min(j + 1, n);
            } else {
                i++;
            }
        }
        return out;
    }

    private static int closingTextBlock(String source, int from) {
        int j = from;
        while (j < source.length()) {
            if (source.charAt(j) == '\\') {
                j += 2;
            } else if (source.startsWith("\"\"\"", j)) {
                return j + 3;
            } else {
                j++;
            }
        }
        return source.length();
    }

    private static int count(String source, int from, int to) {
        int lines = 0;
        for (int k = from; k < to && k < source.length(); k++) {
            if (source.charAt(k) == '\n') {
                lines++;
            }
        }
        return lines;
    }
}
