package dev.netloom.train.data.table;

import dev.netloom.train.data.DataIssue;
import dev.netloom.train.data.DataReport;
import dev.netloom.train.data.FittedPreprocessing;
import dev.netloom.train.data.SplitRows;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Labelled rows split three ways by class. The class list is either given (rows with other
 * labels are skipped and reported) or the labels found, sorted; the stratified split keeps a row
 * of every class for training, so training sees every class.
 *
 * @param train training rows
 * @param validation validation rows
 * @param test test rows
 * @param classes the class names
 * @param labelColumn the column holding the label
 */
public record ClassSplit(List<Row> train, List<Row> validation, List<Row> test, List<String> classes,
                         String labelColumn) {

    public ClassSplit {
        train = List.copyOf(train);
        validation = List.copyOf(validation);
        test = List.copyOf(test);
        classes = List.copyOf(classes);
    }

    /**
     * Splits {@code rows} from {@code seed}.
     *
     * @param given the classes, or empty to learn them from the training split
     * @throws IOException naming the file when no row has a usable label
     */
    public static ClassSplit of(Rows rows, String labelColumn, List<String> given, double validationFraction,
                                double testFraction, long seed, DataReport report) throws IOException {
        return of(rows, labelColumn, given, validationFraction, testFraction, seed, report, null);
    }

    /**
     * Splits {@code rows} from {@code seed}; with a trained model's {@code fitted} preprocessing the
     * classes are the model's, rows of other classes are skipped as unknown to the model, and a
     * file none of whose classes the model knows is refused naming both class lists.
     *
     * @param fitted the model's preprocessing, or null to use {@code given}
     */
    public static ClassSplit of(Rows rows, String labelColumn, List<String> given, double validationFraction,
                                double testFraction, long seed, DataReport report, FittedPreprocessing fitted)
            throws IOException {
        if (fitted != null) {
            given = fitted.classes();
        }
        List<Row> labelled = new ArrayList<>();
        java.util.Set<String> found = new java.util.TreeSet<>();
        for (Row row : rows.rows()) {
            String label = row.cell(labelColumn);
            if (label.isEmpty()) {
                report.skipped(new DataIssue(rows.file(), row.number(), "empty label in column \"" + labelColumn + "\""));
            } else if (!given.isEmpty() && !given.contains(label)) {
                found.add(label);
                report.skipped(new DataIssue(rows.file(), row.number(), fitted != null ? fitted.unknownClass(label)
                        : "unknown label \"" + label + "\""));
            } else {
                labelled.add(row);
            }
        }
        if (labelled.isEmpty() && fitted != null && !found.isEmpty()) {
            throw fitted.noKnownClass(rows.file(), found);
        }
        if (labelled.isEmpty()) {
            throw new IOException(rows.file() + ": no row has a usable label in column \"" + labelColumn + "\"");
        }
        List<String> classes = given.isEmpty()
                ? new ArrayList<>(new TreeSet<>(labelled.stream().map(r -> r.cell(labelColumn)).toList())) : given;
        int[] labels = labelled.stream().mapToInt(r -> classes.indexOf(r.cell(labelColumn))).toArray();
        SplitRows split = SplitRows.stratified(labels, validationFraction, testFraction, seed);
        // The stratified split keeps at least one row of every class for training, so these are
        // exactly the training split's classes: no validation or test label is unknown to training.
        return new ClassSplit(pick(labelled, split.train()), pick(labelled, split.validation()),
                pick(labelled, split.test()), classes, labelColumn);
    }

    /** The class index of a row. */
    public int label(Row row) {
        return classes.indexOf(row.cell(labelColumn));
    }

    private static List<Row> pick(List<Row> rows, int[] indices) {
        List<Row> out = new ArrayList<>(indices.length);
        for (int i : indices) {
            out.add(rows.get(i));
        }
        return out;
    }
}
