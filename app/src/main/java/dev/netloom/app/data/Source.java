package dev.netloom.app.data;

/**
 * The kinds of data a person can pick in the Data view, in the order the list shows them, with
 * what each needs to be asked for.
 */
public enum Source {
    FASHION_MNIST("fashion-mnist", "Fashion-MNIST", "built in · 70,000 clothing pictures", Ask.NOTHING),
    SHAPES_QA("shapes-qa", "Shapes QA", "built in · generated shapes and questions", Ask.EXAMPLES),
    FASHION_QA("fashion-qa", "Fashion QA", "built in · clothing with yes/no questions", Ask.EXAMPLES),
    IDX("idx", "IDX pictures", "MNIST-family idx3 pictures + idx1 labels", Ask.FILE),
    IMAGE_FOLDER("image-folder", "Picture folder", "one sub-folder of pictures per class", Ask.FOLDER),
    AUDIO_FOLDER("audio-folder", "Audio folder", "one sub-folder of 16-bit WAV clips per class, as spectrograms",
            Ask.FOLDER),
    CSV("csv", "CSV table", "rows of features and a label column", Ask.FILE),
    TEXT("text", "Texts", "labelled texts, CSV or JSONL", Ask.FILE),
    MANIFEST("manifest", "Manifest", "picture, text and label per row", Ask.FILE);

    /** What the settings pane asks for besides the source itself. */
    public enum Ask { NOTHING, EXAMPLES, FILE, FOLDER }

    private final String key;
    private final String title;
    private final String description;
    private final Ask ask;

    Source(String key, String title, String description, Ask ask) {
        this.key = key;
        this.title = title;
        this.description = description;
        this.ask = ask;
    }

    /** The source's name in the data section's {@code "source"}. */
    public String key() {
        return key;
    }

    /** The source a data section names, if it is one of these. */
    public static java.util.Optional<Source> named(String key) {
        return java.util.Arrays.stream(values()).filter(s -> s.key.equals(key)).findFirst();
    }

    public String title() {
        return title;
    }

    public String description() {
        return description;
    }

    public Ask ask() {
        return ask;
    }

    /** Whether the source is a built-in set (no files to choose). */
    public boolean builtIn() {
        return ask == Ask.NOTHING || ask == Ask.EXAMPLES;
    }

    /** Whether the settings include a label column. */
    public boolean asksLabelColumn() {
        return this == CSV || this == TEXT;
    }

    /** Whether the settings include a text column and a tokenizer. */
    public boolean asksText() {
        return this == TEXT;
    }

    @Override
    public String toString() {
        return title;
    }
}
