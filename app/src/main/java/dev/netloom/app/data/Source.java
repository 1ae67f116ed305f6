package dev.netloom.app.data;

/**
 * The kinds of data a person can pick in the Data view, in the order the list shows them, with
 * what each needs to be asked for.
 */
public enum Source {
    FASHION_MNIST("Fashion-MNIST", "built in · 70,000 clothing pictures, 10 classes", Ask.NOTHING),
    SHAPES_QA("Shapes QA", "built in · generated pictures of shapes with questions", Ask.EXAMPLES),
    FASHION_QA("Fashion QA", "built in · Fashion-MNIST pictures with yes/no questions", Ask.EXAMPLES),
    IDX("IDX pictures", "an idx3 pictures file and its idx1 labels (MNIST family)", Ask.FILE),
    IMAGE_FOLDER("Picture folder", "one sub-folder of PNG or JPEG pictures per class", Ask.FOLDER),
    CSV("CSV table", "rows of features with a label column", Ask.FILE),
    TEXT("Texts", "labelled texts in a CSV or JSONL file", Ask.FILE),
    MANIFEST("Manifest", "rows of picture, text and label (CSV or JSONL)", Ask.FILE);

    /** What the settings pane asks for besides the source itself. */
    public enum Ask { NOTHING, EXAMPLES, FILE, FOLDER }

    private final String title;
    private final String description;
    private final Ask ask;

    Source(String title, String description, Ask ask) {
        this.title = title;
        this.description = description;
        this.ask = ask;
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
