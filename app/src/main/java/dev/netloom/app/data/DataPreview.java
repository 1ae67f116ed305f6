package dev.netloom.app.data;

import dev.netloom.train.data.DataIssue;
import dev.netloom.train.data.Dataset;
import dev.netloom.train.data.Examples;
import dev.netloom.train.data.Field;
import dev.netloom.train.data.FieldKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the Data view shows of a {@link Dataset}, made off the FX thread: sizes, classes, class
 * balance, some samples ready to draw, and the read report. Holds no arrays of the dataset, so
 * the view never touches its floats.
 *
 * @param name the dataset's name
 * @param train examples in the training split
 * @param validation examples in the validation split
 * @param test examples in the test split
 * @param classes class names in label order
 * @param balance examples per class over all three splits, in label order
 * @param samples the first examples of the training split
 * @param featureColumns for tables, a name per feature (one-hot categories as {@code column=value}); else empty
 * @param report what reading found
 */
public record DataPreview(String name, int train, int validation, int test, List<String> classes,
                          List<ClassCount> balance, List<Sample> samples, List<String> featureColumns,
                          Report report) {

    /** Issues the view lists word for word; the rest are counted. */
    public static final int SHOWN_ISSUES = 5;

    public DataPreview {
        classes = List.copyOf(classes);
        balance = List.copyOf(balance);
        samples = List.copyOf(samples);
        featureColumns = List.copyOf(featureColumns);
    }

    /** Examples of one class. */
    public record ClassCount(String name, int examples) {
    }

    /**
     * One example to show.
     *
     * @param label its class name
     * @param picture its picture, or null when the dataset has none
     * @param text its text or question, decoded from token ids, or "" when it has none
     * @param features a table row's (normalised) features, formatted; empty otherwise
     */
    public record Sample(String label, Picture picture, String text, List<String> features) {
        public Sample {
            features = List.copyOf(features);
        }
    }

    /**
     * @param read examples read
     * @param skipped examples skipped
     * @param notes findings that cost no example
     * @param issues the first {@link #SHOWN_ISSUES} as {@code file:row: reason}
     */
    public record Report(long read, long skipped, long notes, List<String> issues) {
        public Report {
            issues = List.copyOf(issues);
        }

        /** "2,000 read · 0 skipped" (and notes when there are any). */
        public String line() {
            return String.format(Locale.ROOT, "%,d read · %,d skipped", read, skipped)
                    + (notes > 0 ? String.format(Locale.ROOT, " · %,d notes", notes) : "");
        }

        /** How many findings the view does not list word for word. */
        public long unlisted() {
            return Math.max(0, skipped + notes - issues.size());
        }
    }

    /** Whether the examples are table rows (shown as a table rather than pictures). */
    public boolean isTable() {
        return !featureColumns.isEmpty();
    }

    /** "1,600 training · 200 validation · 200 test". */
    public String splits() {
        return String.format(Locale.ROOT, "%,d training · %,d validation · %,d test", train, validation, test);
    }

    /** "9 classes: red, green, ..." (the first 20 named). */
    public String classesLine() {
        return classes.size() + (classes.size() == 1 ? " class: " : " classes: ")
                + String.join(", ", classes.subList(0, Math.min(20, classes.size()))) + (classes.size() > 20 ? ", …" : "");
    }

    /** A preview of {@code dataset} with up to {@code samples} samples. */
    public static DataPreview of(Dataset dataset, int samples) {
        List<String> classes = dataset.classes();
        int[] counts = new int[classes.size()];
        for (Examples split : List.of(dataset.train(), dataset.validation(), dataset.test())) {
            for (int label : split.labels()) {
                if (label >= 0 && label < counts.length) {
                    counts[label]++;
                }
            }
        }
        List<ClassCount> balance = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            balance.add(new ClassCount(classes.get(i), counts[i]));
        }
        Examples train = dataset.train();
        Field image = first(train, FieldKind.IMAGE);
        Field tokens = first(train, FieldKind.TOKENS);
        Field features = first(train, FieldKind.FEATURES);
        // A spectrogram's first row is its lowest band: drawn at the bottom, as spectrograms are read.
        boolean spectrogram = image != null && dataset.preprocessing().get(image.name()) instanceof Map<?, ?> pre
                && "log-mel".equals(pre.get("kind"));
        List<Sample> shown = new ArrayList<>();
        for (int i = 0; i < Math.min(samples, train.size()); i++) {
            int label = train.labels()[i];
            shown.add(new Sample(label >= 0 && label < classes.size() ? classes.get(label) : Integer.toString(label),
                    image == null ? null : spectrogram ? Picture.of(image, i).upsideDown() : Picture.of(image, i),
                    tokens == null ? "" : TokenText.decode(tokens.ids(), i * tokens.exampleSize(),
                            tokens.exampleSize(), dataset.vocabulary()),
                    features == null ? List.of() : row(features, i)));
        }
        var r = dataset.report();
        Report report = new Report(r.readCount(), r.skippedCount(), r.noteCount(),
                r.issues().subList(0, Math.min(SHOWN_ISSUES, r.issues().size())).stream().map(DataIssue::toString).toList());
        return new DataPreview(dataset.name(), train.size(), dataset.validation().size(), dataset.test().size(),
                classes, balance, shown, features == null ? List.of() : columns(dataset, features), report);
    }

    private static Field first(Examples examples, FieldKind kind) {
        List<Field> fields = examples.fields(kind);
        return fields.isEmpty() ? null : fields.get(0);
    }

    private static List<String> row(Field features, int index) {
        int width = features.exampleSize();
        List<String> out = new ArrayList<>(width);
        for (int j = 0; j < width; j++) {
            out.add(String.format(Locale.ROOT, "%.2f", features.floats()[index * width + j]));
        }
        return out;
    }

    /**
     * Feature names from the table's preprocessing record (number columns by name, categories as
     * {@code column=value}); numbered when the record is missing or does not add up.
     */
    private static List<String> columns(Dataset dataset, Field features) {
        List<String> names = new ArrayList<>();
        if (dataset.preprocessing().get(features.name()) instanceof Map<?, ?> table
                && table.get("columns") instanceof List<?> columns) {
            for (Object c : columns) {
                if (c instanceof Map<?, ?> column) {
                    String name = String.valueOf(column.get("name"));
                    if (column.get("categories") instanceof List<?> categories) {
                        categories.forEach(value -> names.add(name + "=" + value));
                    } else {
                        names.add(name);
                    }
                }
            }
        }
        if (names.size() != features.exampleSize()) {
            names.clear();
            for (int j = 1; j <= features.exampleSize(); j++) {
                names.add("feature " + j);
            }
        }
        return names;
    }
}
