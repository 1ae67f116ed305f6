package dev.netloom.train.data.table;

import dev.netloom.train.data.DataIssue;
import dev.netloom.train.data.DataReport;
import dev.netloom.train.data.DataRequest;
import dev.netloom.train.data.Dataset;
import dev.netloom.train.data.DatasetReader;
import dev.netloom.train.data.Examples;
import dev.netloom.train.data.Field;
import dev.netloom.train.data.FieldKind;
import dev.netloom.train.data.Fingerprint;
import dev.netloom.train.data.FittedPreprocessing;
import dev.netloom.train.data.Normalisation;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a table (CSV with a header) into one {@code "features"} field: number columns are
 * standardised with training-split statistics, category columns (a column is one unless 90% of its
 * training cells are numbers) one-hot encoded over the
 * training split's categories. Every column but the label is a feature. Ragged rows, empty
 * cells, non-numbers in number columns, unknown categories and unknown labels are skipped and
 * reported by row.
 *
 * @param file the CSV file
 * @param labelColumn the column holding the class
 * @param classes the classes, or empty to learn them from the training split
 * @param validationFraction share for validation
 * @param testFraction share for test
 */
public record CsvTableReader(Path file, String labelColumn, List<String> classes, double validationFraction,
                             double testFraction) implements DatasetReader {

    /** The field every table dataset has. */
    public static final String FIELD = "features";

    public CsvTableReader {
        classes = List.copyOf(classes);
    }

    @Override
    public Dataset read(DataRequest request) throws IOException {
        DataReport report = new DataReport();
        Rows rows = Rows.csv(file, report);
        FittedPreprocessing fitted = request.fitted();
        FittedTable model = fitted == null ? null : fitted.table(FIELD).orElse(null);
        // New data laid out like the training data names its label as the model's did.
        String label = model != null && !rows.columns().contains(labelColumn) && rows.columns().contains(model.label())
                ? model.label() : labelColumn;
        rows.require(label);
        List<String> featureColumns = rows.columns().stream().filter(c -> !c.equals(label)).toList();
        if (model != null) {
            rows.require(model.names().toArray(String[]::new));
        } else if (featureColumns.isEmpty()) {
            throw new IOException(file + ": no column besides the label \"" + labelColumn + "\"");
        }
        ClassSplit split = ClassSplit.of(rows, label, classes, validationFraction, testFraction, request.seed(),
                report, fitted);
        List<TableColumn> columns = model != null ? model.columns()
                : featureColumns.stream().map(c -> TableColumn.learn(c, split.train())).toList();
        int width = columns.stream().mapToInt(TableColumn::width).sum();
        Examples train = encode(split.train(), split, columns, width, report);
        if (train.size() == 0 && model == null) {
            throw new IOException(file + ": no usable training row" + (report.issues().isEmpty() ? ""
                    : " (first problem: " + report.issues().get(0) + ")"));
        }
        Examples validation = encode(split.validation(), split, columns, width, report);
        Examples test = encode(split.test(), split, columns, width, report);
        if (train.size() + validation.size() + test.size() == 0) {
            throw new IOException(file + ": no usable row" + (report.issues().isEmpty() ? ""
                    : " (first problem: " + report.issues().get(0) + ")"));
        }
        Normalisation n = model != null ? model.normalisation() : Normalisation.fit(train.fields().get(0),
                numberValues(columns, width));
        report.read(train.size() + validation.size() + test.size());
        Map<String, Object> preprocessing = new LinkedHashMap<>();
        preprocessing.put(FIELD, model != null ? fitted.field(FIELD).orElseThrow() : preprocessing(columns, n));
        Fingerprint fingerprint = new Fingerprint().setting("reader", "csv").file(file).setting("label", labelColumn)
                .setting("classes", classes).setting("validation", validationFraction).setting("test", testFraction)
                .setting("seed", request.seed());
        return new Dataset(file.getFileName().toString(), normalise(train, n), normalise(validation, n),
                normalise(test, n), split.classes(), preprocessing, List.of(), fingerprint.hex(), report);
    }

    private static boolean[] numberValues(List<TableColumn> columns, int width) {
        boolean[] numbers = new boolean[width];
        int at = 0;
        for (TableColumn c : columns) {
            numbers[at] = c.isNumber();
            at += c.width();
        }
        return numbers;
    }

    private Examples encode(List<Row> rows, ClassSplit split, List<TableColumn> columns, int width, DataReport report) {
        float[] values = new float[rows.size() * width];
        int[] labels = new int[rows.size()];
        int kept = 0;
        for (Row row : rows) {
            Arrays.fill(values, kept * width, (kept + 1) * width, 0f);
            String problem = null;
            int offset = kept * width;
            for (TableColumn c : columns) {
                problem = c.encode(row.cell(c.name()), values, offset);
                if (problem != null) {
                    break;
                }
                offset += c.width();
            }
            if (problem != null) {
                report.skipped(new DataIssue(file.toString(), row.number(), problem));
                continue;
            }
            labels[kept++] = split.label(row);
        }
        return new Examples(List.of(Field.floats(FIELD, FieldKind.FEATURES, new int[] {width},
                Arrays.copyOf(values, kept * width))), Arrays.copyOf(labels, kept));
    }

    private static Examples normalise(Examples examples, Normalisation n) {
        return new Examples(List.of(n.apply(examples.fields().get(0))), examples.labels());
    }

    private Map<String, Object> preprocessing(List<TableColumn> columns, Normalisation n) {
        List<Map<String, Object>> described = new ArrayList<>();
        int at = 0;
        for (TableColumn c : columns) {
            Map<String, Object> m = c.toMap();
            if (c.isNumber()) {
                m.put("mean", (double) n.mean()[at]);
                m.put("std", (double) n.std()[at]);
            }
            described.add(m);
            at += c.width();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("kind", "table");
        out.put("label", labelColumn);
        out.put("features", at);
        out.put("columns", described);
        out.put("numbers", "(x - mean) / std with training-split statistics");
        out.put("categories", "one-hot in the listed order");
        return out;
    }
}
