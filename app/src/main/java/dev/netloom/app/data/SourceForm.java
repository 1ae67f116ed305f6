package dev.netloom.app.data;

import com.fasterxml.jackson.databind.JsonNode;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The "choose a source" form of the Data view, without its controls: which source, and the few
 * settings it needs. {@link #choice()} turns it into a {@link DataChoice}, or says in one
 * sentence what is still missing.
 */
public final class SourceForm {

    /** Examples a generated set gets unless the user says otherwise. */
    public static final int DEFAULT_EXAMPLES = 2000;

    private final ObservableList<Source> sources;
    private final ObjectProperty<Source> source = new SimpleObjectProperty<>(this, "source", Source.SHAPES_QA);
    private final IntegerProperty examples = new SimpleIntegerProperty(this, "examples", DEFAULT_EXAMPLES);
    private final ObjectProperty<Path> file = new SimpleObjectProperty<>(this, "file");
    private final ObjectProperty<Path> labels = new SimpleObjectProperty<>(this, "labels");
    private final StringProperty labelColumn = new SimpleStringProperty(this, "labelColumn", "label");
    private final StringProperty textColumn = new SimpleStringProperty(this, "textColumn", "text");
    private final StringProperty tokenizer = new SimpleStringProperty(this, "tokenizer", "word");

    /**
     * @param fashionFolder where Fashion-MNIST lives; the two sets built on it are offered only when it exists
     */
    public SourceForm(Path fashionFolder) {
        boolean fashion = fashionFolder != null && Files.isDirectory(fashionFolder);
        sources = FXCollections.unmodifiableObservableList(FXCollections.observableArrayList(
                List.of(Source.values()).stream()
                        .filter(s -> fashion || (s != Source.FASHION_MNIST && s != Source.FASHION_QA)).toList()));
        // A file chosen for one source means nothing to another.
        source.addListener((obs, old, now) -> {
            file.set(null);
            labels.set(null);
        });
    }

    /** The sources this computer can offer. */
    public ObservableList<Source> sources() {
        return sources;
    }

    public ObjectProperty<Source> sourceProperty() {
        return source;
    }

    /** How many examples a generated set gets. */
    public IntegerProperty examplesProperty() {
        return examples;
    }

    /** The chosen file or folder; for IDX, the pictures file. */
    public ObjectProperty<Path> fileProperty() {
        return file;
    }

    /** For IDX, the labels file; found beside the pictures when its name says so. */
    public ObjectProperty<Path> labelsProperty() {
        return labels;
    }

    public StringProperty labelColumnProperty() {
        return labelColumn;
    }

    public StringProperty textColumnProperty() {
        return textColumn;
    }

    /** "word" or "bpe". */
    public StringProperty tokenizerProperty() {
        return tokenizer;
    }

    /** Takes a chosen file or folder; for IDX pictures, also the labels file beside it. */
    public void chooseFile(Path chosen) {
        file.set(chosen);
        if (source.get() == Source.IDX) {
            labels.set(DataChoice.IdxFiles.labelsBeside(chosen).orElse(null));
        }
    }

    /**
     * Fills the form from a data section (the project's, or the one just read), so what is shown
     * is what the project reads. Settings the form does not ask for are left as they are.
     *
     * @param projectFolder relative paths are resolved against it; null when the project has no file yet
     */
    public void show(JsonNode section, Path projectFolder) {
        Source s = Source.named(section.path("source").asText()).orElse(null);
        if (s == null) {
            return;
        }
        source.set(s);
        if (section.path("examples").canConvertToInt()) {
            examples.set(section.path("examples").asInt());
        }
        String fileKey = switch (s) {
            case IDX -> "images";
            case IMAGE_FOLDER, AUDIO_FOLDER -> "folder";
            default -> "file";
        };
        if (section.hasNonNull(fileKey)) {
            file.set(resolve(section.path(fileKey).asText(), projectFolder));
        }
        if (section.hasNonNull("labels")) {
            labels.set(resolve(section.path("labels").asText(), projectFolder));
        }
        labelColumn.set(section.path("label").asText("label"));
        textColumn.set(section.path("text").asText("text"));
        tokenizer.set(section.path("tokenizer").asText("word"));
    }

    private static Path resolve(String path, Path projectFolder) {
        Path p = Path.of(path);
        return p.isAbsolute() || projectFolder == null ? p : projectFolder.resolve(p);
    }

    /**
     * The choice the form describes.
     *
     * @throws IllegalStateException with one sentence for the user when something is missing
     */
    public DataChoice choice() {
        Source s = source.get();
        Path f = file.get();
        if ((s.ask() == Source.Ask.FILE || s.ask() == Source.Ask.FOLDER) && f == null) {
            throw new IllegalStateException("Choose the " + (s.ask() == Source.Ask.FOLDER ? "folder" : "file")
                    + " for " + s.title() + " first.");
        }
        return switch (s) {
            case FASHION_MNIST -> new DataChoice.FashionMnist();
            case SHAPES_QA -> new DataChoice.ShapesQa(examples.get());
            case FASHION_QA -> new DataChoice.FashionQa(examples.get());
            case IDX -> {
                if (labels.get() == null) {
                    throw new IllegalStateException("No labels file found beside " + f.getFileName()
                            + "; choose its labels file.");
                }
                yield new DataChoice.IdxFiles(f, labels.get());
            }
            case IMAGE_FOLDER -> new DataChoice.ImageFolder(f);
            case AUDIO_FOLDER -> new DataChoice.AudioFolder(f);
            case CSV -> new DataChoice.Table(f, column(labelColumn, "label"));
            case TEXT -> new DataChoice.Texts(f, column(textColumn, "text"), column(labelColumn, "label"),
                    tokenizer.get());
            case MANIFEST -> new DataChoice.Manifest(f);
        };
    }

    private static String column(StringProperty p, String fallback) {
        String v = p.get() == null ? "" : p.get().trim();
        return v.isEmpty() ? fallback : v;
    }
}
