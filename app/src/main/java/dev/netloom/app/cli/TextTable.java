package dev.netloom.app.cli;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table with aligned columns for terminal output; numeric columns align right. */
final class TextTable {

    private final List<String> headers;
    private final boolean[] rightAligned;
    private final List<List<String>> rows = new ArrayList<>();

    /** Headers; a header starting with '>' marks a right-aligned column (the '>' is not shown). */
    TextTable(String... headers) {
        this.headers = new ArrayList<>();
        this.rightAligned = new boolean[headers.length];
        for (int i = 0; i < headers.length; i++) {
            rightAligned[i] = headers[i].startsWith(">");
            this.headers.add(rightAligned[i] ? headers[i].substring(1) : headers[i]);
        }
    }

    void add(String... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException("expected " + headers.size() + " cells, got " + cells.length);
        }
        rows.add(List.of(cells));
    }

    /** A separator row drawn with dashes, for totals. */
    void addRule() {
        rows.add(null);
    }

    String render() {
        int[] width = new int[headers.size()];
        for (int i = 0; i < width.length; i++) {
            width[i] = headers.get(i).length();
            for (List<String> row : rows) {
                if (row != null) {
                    width[i] = Math.max(width[i], row.get(i).length());
                }
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, headers, width);
        rule(out, width);
        for (List<String> row : rows) {
            if (row == null) {
                rule(out, width);
            } else {
                line(out, row, width);
            }
        }
        return out.toString();
    }

    private void line(StringBuilder out, List<String> cells, int[] width) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            String pad = " ".repeat(width[i] - cell.length());
            line.append(rightAligned[i] ? pad + cell : cell + pad);
            if (i < cells.size() - 1) {
                line.append("  ");
            }
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }

    private static void rule(StringBuilder out, int[] width) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < width.length; i++) {
            line.append("-".repeat(width[i]));
            if (i < width.length - 1) {
                line.append("  ");
            }
        }
        out.append(line).append('\n');
    }
}
