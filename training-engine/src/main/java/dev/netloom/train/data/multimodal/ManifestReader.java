package dev.netloom.train.data.multimodal;

import dev.netloom.train.data.DataIssue;
import dev.netloom.train.data.DataReport;
import dev.netloom.train.data.DataRequest;
import dev.netloom.train.data.Dataset;
import dev.netloom.train.data.DatasetReader;
import dev.netloom.train.data.Examples;
import dev.netloom.train.data.Field;
import dev.netloom.train.data.FieldKind;
import dev.netloom.train.data.Fingerprint;
import dev.netloom.train.data.MemoryBudget;
import dev.netloom.train.data.Splits;
import dev.netloom.train.data.image.PictureConversion;
import dev.netloom.train.data.image.PictureFile;
import dev.netloom.train.data.image.PictureSize;
import dev.netloom.train.data.table.ClassSplit;
import dev.netloom.train.data.table.Row;
import dev.netloom.train.data.table.Rows;
import dev.netloom.train.data.text.TextField;
import dev.netloom.train.data.text.Tokenizer;
import dev.netloom.train.data.text.TokenizerKind;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a manifest, a CSV or JSONL file of (picture path, text, label) rows, into an
 * {@code "image"} field and a {@code "text"} token field, for models with a picture and a text
 * input (visual question answering, captioned classification). Picture paths are relative to
 * the manifest's folder. Rows whose picture is missing or unreadable, whose text is empty or
 * whose label is unknown are skipped and reported.
 *
 * @param file the manifest
 * @param imageColumn the column or key holding the picture path
 * @param textColumn the column or key holding the text
 * @param labelColumn the column or key holding the label
 * @param tokenizer the tokenizer to train on the training texts
 * @param classes the classes, or empty to learn them from the training split
 * @param validationFraction share for validation
 * @param testFraction share for test
 */
public record ManifestReader(Path file, String imageColumn, String textColumn, String labelColumn,
                             TokenizerKind tokenizer, List<String> classes, double validationFraction,
                             double testFraction) implements DatasetReader {

    private static final PictureSize DEFAULT_SIZE = new PictureSize(3, 64, 64);

    public ManifestReader {
        classes = List.copyOf(classes);
    }

    @Override
    public Dataset read(DataRequest request) throws IOException {
        DataReport report = new DataReport();
        Rows rows = Rows.read(file, report);
        rows.require(imageColumn, textColumn, labelColumn);
        PictureSize size = PictureSize.of(request, DEFAULT_SIZE);
        MemoryBudget.check(file.toString(), rows.rows().size(), size.values(), Float.BYTES);
        Path base = file.toAbsolutePath().getParent();
        Fingerprint fingerprint = new Fingerprint().setting("reader", "manifest").file(file);
        Map<Long, float[]> pictures = new HashMap<>();
        List<Row> usable = new ArrayList<>();
        for (Row row : rows.rows()) {
            if (row.cell(textColumn).isEmpty()) {
                report.skipped(new DataIssue(rows.file(), row.number(), "empty text in \"" + textColumn + "\""));
                continue;
            }
            if (row.cell(imageColumn).isEmpty()) {
                report.skipped(new DataIssue(rows.file(), row.number(), "empty picture path in \"" + imageColumn + "\""));
                continue;
            }
            Path picturePath;
            try {
                picturePath = base.resolve(row.cell(imageColumn));
            } catch (java.nio.file.InvalidPathException e) {
                report.skipped(new DataIssue(rows.file(), row.number(), "not a file path: " + row.cell(imageColumn)));
                continue;
            }
            PictureFile picture = PictureFile.read(picturePath);
            if (picture.problem() != null) {
                report.skipped(new DataIssue(rows.file(), row.number(), row.cell(imageColumn) + ": " + picture.problem()));
                continue;
            }
            float[] values = new float[size.values()];
            PictureConversion.toFloats(picture.picture(), size, values, 0);
            pictures.put(row.number(), values);
            usable.add(row);
            fingerprint.file(picturePath);
        }
        if (usable.isEmpty()) {
            throw new IOException(file + ": no row with a readable picture and a text"
                    + (report.issues().isEmpty() ? "" : " (first problem: " + report.issues().get(0) + ")"));
        }
        ClassSplit split = ClassSplit.of(new Rows(rows.file(), rows.columns(), usable), labelColumn, classes,
                validationFraction, testFraction, request.seed(), report, request.fitted());
        TextField text = TextField.of("text", tokenizer, request, 32, 4000);
        Tokenizer trained = text.tokenizer(split.train().stream().map(r -> r.cell(textColumn)).toList(),
                java.util.stream.IntStream.range(0, split.train().size()).toArray(), request.fitted());
        Map<String, Object> preprocessing = new LinkedHashMap<>();
        // The columns, so a manifest laid out like the training one can be read back by name.
        Map<String, Object> image = new LinkedHashMap<>(size.toMap());
        image.put("column", imageColumn);
        image.put("paths", "relative to the manifest's folder");
        image.put("label", labelColumn);
        Map<String, Object> textEntry = new LinkedHashMap<>(text.preprocessing(trained));
        textEntry.put("column", textColumn);
        textEntry.put("label", labelColumn);
        preprocessing.put("image", image);
        preprocessing.put("text", textEntry);
        Splits splits = new Splits(examples(split.train(), split, pictures, size, text, trained),
                examples(split.validation(), split, pictures, size, text, trained),
                examples(split.test(), split, pictures, size, text, trained)).normalisePictures(preprocessing, request.fitted());
        report.read(splits.train().size() + splits.validation().size() + splits.test().size());
        fingerprint.setting("columns", List.of(imageColumn, textColumn, labelColumn)).setting("size", size)
                .setting("text", text).setting("classes", classes).setting("validation", validationFraction)
                .setting("test", testFraction).setting("seed", request.seed());
        return new Dataset(file.getFileName().toString(), splits.train(), splits.validation(), splits.test(),
                split.classes(), preprocessing, trained.vocabulary(), fingerprint.hex(), report);
    }

    private Examples examples(List<Row> rows, ClassSplit split, Map<Long, float[]> pictures, PictureSize size,
                              TextField text, Tokenizer trained) {
        float[] values = new float[rows.size() * size.values()];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(pictures.get(rows.get(i).number()), 0, values, i * size.values(), size.values());
        }
        return new Examples(List.of(Field.floats("image", FieldKind.IMAGE, size.shape(), values),
                text.encode(trained, rows.stream().map(r -> r.cell(textColumn)).toList())),
                rows.stream().mapToInt(split::label).toArray());
    }
}
