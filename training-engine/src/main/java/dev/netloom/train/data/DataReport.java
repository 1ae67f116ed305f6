package dev.netloom.train.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What reading a dataset found: how many examples were read, and every example skipped with its
 * file, row and reason (the first {@link #KEPT} issues are kept word for word; all are counted).
 * Bad data never stops a read silently and never crashes it.
 */
public final class DataReport {

    /** How many issues are kept in full; the rest are only counted. */
    public static final int KEPT = 100;

    private final List<DataIssue> issues = new ArrayList<>();
    private long skipped;
    private long read;
    private long notes;

    /** Counts one skipped example and keeps its issue. */
    public void skipped(DataIssue issue) {
        skipped++;
        if (issues.size() < KEPT) {
            issues.add(issue);
        }
    }

    /** Counts {@code examples} examples skipped for one reason, such as a file cut short. */
    public void skipped(DataIssue issue, long examples) {
        skipped += examples;
        if (issues.size() < KEPT) {
            issues.add(issue);
        }
    }

    /**
     * Records something found that cost no example, such as bytes after the last picture of a
     * file; it is listed with the issues but not counted as skipped.
     */
    public void note(DataIssue issue) {
        notes++;
        if (issues.size() < KEPT) {
            issues.add(issue);
        }
    }

    public void readOne() {
        read++;
    }

    public void read(long count) {
        read += count;
    }

    public long readCount() {
        return read;
    }

    public long skippedCount() {
        return skipped;
    }

    /** How many findings cost no example. */
    public long noteCount() {
        return notes;
    }

    public List<DataIssue> issues() {
        return Collections.unmodifiableList(issues);
    }

    /** One line: "read 59,998 examples, skipped 2 (first: train.csv:17: ragged row, 5 columns, expected 6)". */
    public String summary() {
        String s = String.format("read %,d examples", read);
        if (skipped > 0) {
            s += String.format(", skipped %,d", skipped);
        }
        if (notes > 0) {
            s += String.format(", %,d note%s", notes, notes == 1 ? "" : "s");
        }
        if (!issues.isEmpty()) {
            s += " (first: " + issues.get(0) + ")";
        }
        return s;
    }
}
