package dev.netloom.train.data.text;

import dev.netloom.train.data.DataIssue;
import dev.netloom.train.data.DataReport;
import dev.netloom.train.data.DataRequest;
import dev.netloom.train.data.Dataset;
import dev.netloom.train.data.DatasetReader;
import dev.netloom.train.data.Examples;
import dev.netloom.train.data.Fingerprint;
import dev.netloom.train.data.table.ClassSplit;
import dev.netloom.train.data.table.Row;
import dev.netloom.train.data.table.Rows;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads labelled texts from CSV (a text and a label column) or JSONL
 * ({@code {"text": ..., "label": ...}}) into one {@code "text"} token field. The tokenizer is
 * trained on the training split only; texts are padded or cut to the request's token length.
 * Rows with an empty text or an unknown label are skipped and reported.
 *
 * @param file the CSV or JSONL file
 * @param textColumn the column or key holding the text
 * @param labelColumn the column or key holding the label
 * @param tokenizer the tokenizer to train
 * @param classes the classes, or empty to learn them from the training split
 * @param validationFraction share for validation
 * @param testFraction share for test
 */
public record TextClassificationReader(Path file, String textColumn, String labelColumn, TokenizerKind tokenizer,
                                       List<String> classes, double validationFraction, double testFraction)
        implements DatasetReader {

    /** The field every text dataset has. */
    public static final String FIELD = "text";

    public TextClassificationReader {
        classes = List.copyOf(classes);
    }

    @Override
    public Dataset read(DataRequest request) throws IOException {
        DataReport report = new DataReport();
        Rows rows = Rows.read(file, report);
        rows.require(textColumn, labelColumn);
        List<Row> withText = new ArrayList<>();
        for (Row r : rows.rows()) {
            if (r.cell(textColumn).isEmpty()) {
                report.skipped(new DataIssue(rows.file(), r.number(), "empty text in \"" + textColumn + "\""));
            } else {
                withText.add(r);
            }
        }
        if (withText.isEmpty()) {
            throw new IOException(file + ": no row has a text in \"" + textColumn + "\"");
        }
        ClassSplit split = ClassSplit.of(new Rows(rows.file(), rows.columns(), withText), labelColumn, classes,
                validationFraction, testFraction, request.seed(), report, request.fitted());
        TextField text = TextField.of(FIELD, tokenizer, request, 64, 8000);
        Tokenizer trained = text.tokenizer(split.train().stream().map(r -> r.cell(textColumn)).toList(),
                java.util.stream.IntStream.range(0, split.train().size()).toArray(), request.fitted());
        report.read(split.train().size() + split.validation().size() + split.test().size());
        Map<String, Object> preprocessing = new LinkedHashMap<>();
        Map<String, Object> field = new LinkedHashMap<>(text.preprocessing(trained));
        field.put("column", textColumn); // where a CSV laid out like the training data keeps the text
        field.put("label", labelColumn);
        preprocessing.put(FIELD, field);
        Fingerprint fingerprint = new Fingerprint().setting("reader", "text").file(file).setting("text", textColumn)
                .setting("label", labelColumn).setting("field", text).setting("classes", classes)
                .setting("validation", validationFraction).setting("test", testFraction).setting("seed", request.seed());
        return new Dataset(file.getFileName().toString(), examples(split.train(), split, text, trained),
                examples(split.validation(), split, text, trained), examples(split.test(), split, text, trained),
                split.classes(), preprocessing, trained.vocabulary(), fingerprint.hex(), report);
    }

    private Examples examples(List<Row> rows, ClassSplit split, TextField text, Tokenizer trained) {
        return new Examples(List.of(text.encode(trained, rows.stream().map(r -> r.cell(textColumn)).toList())),
                rows.stream().mapToInt(split::label).toArray());
    }
}
