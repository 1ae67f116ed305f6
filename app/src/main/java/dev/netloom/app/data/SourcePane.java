package dev.netloom.app.data;

import dev.netloom.app.studio.StudioStyle;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;

import java.nio.file.Path;
import java.util.List;

/**
 * The left column of the Data view: the list of sources, the settings the chosen one needs,
 * and "Read data". Binds to a {@link SourceForm}; reading goes through the {@link DataViewModel}.
 */
final class SourcePane extends VBox {

    /** Kept as a field: bidirectional bindings hold only weak references to this bridge. */
    private final javafx.beans.property.ObjectProperty<Integer> examplesValue;

    SourcePane(SourceForm form, DataViewModel model, DataFiles files) {
        super(10);
        examplesValue = form.examplesProperty().asObject();
        getStyleClass().add(StudioStyle.DATA_CARD);
        setPrefWidth(300);
        setMinWidth(300);
        setMaxWidth(300);

        ListView<Source> list = new ListView<>(form.sources());
        list.setId("data-sources");
        list.getStyleClass().add(StudioStyle.SOURCE_LIST);
        list.setCellFactory(v -> new SourceCell());
        list.setFixedCellSize(52);
        list.setPrefHeight(52 * form.sources().size() + 8);
        list.setMinHeight(Region.USE_PREF_SIZE);
        list.getSelectionModel().select(form.sourceProperty().get());
        list.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null) {
                form.sourceProperty().set(now);
            }
        });
        form.sourceProperty().addListener((obs, old, now) -> list.getSelectionModel().select(now));

        Spinner<Integer> examples = new Spinner<>(1, 10_000_000, form.examplesProperty().get(), 500);
        examples.setId("data-examples");
        examples.setEditable(true);
        examples.setPrefWidth(130);
        examples.getValueFactory().valueProperty().bindBidirectional(examplesValue);
        Node examplesRow = row("Examples", examples);

        Label chosen = new Label();
        chosen.getStyleClass().add(StudioStyle.MUTED);
        chosen.setWrapText(true);
        chosen.textProperty().bind(Bindings.createStringBinding(() -> form.fileProperty().get() == null
                ? "nothing chosen" : form.fileProperty().get().getFileName().toString(), form.fileProperty()));
        Button choose = new Button("Choose…", new FontIcon(MaterialDesignF.FOLDER_OPEN_OUTLINE));
        choose.setId("data-choose");
        choose.setOnAction(e -> chooseFor(form, files));
        Node fileRow = row("File", new HBox(8, choose, chosen));

        Label labelsChosen = new Label();
        labelsChosen.getStyleClass().add(StudioStyle.MUTED);
        labelsChosen.textProperty().bind(Bindings.createStringBinding(() -> form.labelsProperty().get() == null
                ? "not found beside the pictures" : form.labelsProperty().get().getFileName().toString(),
                form.labelsProperty()));
        Button chooseLabels = new Button("Labels…");
        chooseLabels.setOnAction(e -> files.chooseFile("IDX labels (idx1)", List.of("*idx1-ubyte", "*idx1-ubyte.gz", "*.gz"))
                .ifPresent(form.labelsProperty()::set));
        Node labelsRow = row("Labels", new HBox(8, chooseLabels, labelsChosen));

        TextField labelColumn = new TextField();
        labelColumn.setId("data-label-column");
        labelColumn.textProperty().bindBidirectional(form.labelColumnProperty());
        Node labelRow = row("Label column", labelColumn);
        TextField textColumn = new TextField();
        textColumn.textProperty().bindBidirectional(form.textColumnProperty());
        Node textRow = row("Text column", textColumn);
        ComboBox<String> tokenizer = new ComboBox<>();
        tokenizer.getItems().setAll("word", "bpe");
        tokenizer.valueProperty().bindBidirectional(form.tokenizerProperty());
        Node tokenizerRow = row("Tokenizer", tokenizer);

        Runnable showSettings = () -> {
            Source s = form.sourceProperty().get();
            show(examplesRow, s.ask() == Source.Ask.EXAMPLES);
            show(fileRow, s.ask() == Source.Ask.FILE || s.ask() == Source.Ask.FOLDER);
            show(labelsRow, s == Source.IDX);
            show(labelRow, s.asksLabelColumn());
            show(textRow, s.asksText());
            show(tokenizerRow, s.asksText());
        };
        form.sourceProperty().addListener((obs, old, now) -> showSettings.run());
        showSettings.run();

        Button read = new Button("Read data", new FontIcon(MaterialDesignD.DATABASE_ARROW_RIGHT_OUTLINE));
        read.setId("data-read");
        read.getStyleClass().add(StudioStyle.PRIMARY_ACTION);
        read.setDefaultButton(true);
        read.disableProperty().bind(model.busyProperty());
        read.setOnAction(e -> {
            try {
                model.apply(form.choice());
            } catch (IllegalStateException missing) {
                model.refuse(missing.getMessage());
            }
        });
        ProgressIndicator progress = new ProgressIndicator();
        progress.setId("data-progress");
        progress.setPrefSize(22, 22);
        progress.visibleProperty().bind(model.busyProperty());
        Label status = new Label();
        status.getStyleClass().add(StudioStyle.MUTED);
        status.textProperty().bind(model.statusProperty());
        status.setWrapText(true);
        HBox actions = new HBox(10, read, progress);
        actions.setPadding(new Insets(6, 0, 0, 0));

        Label title = new Label("Choose a source");
        title.getStyleClass().add(StudioStyle.SECTION_TITLE);
        getChildren().addAll(title, list, examplesRow, fileRow, labelsRow, labelRow, textRow, tokenizerRow, actions,
                status);
    }

    private static void chooseFor(SourceForm form, DataFiles files) {
        Source s = form.sourceProperty().get();
        var chosen = switch (s) {
            case IDX -> files.chooseFile("IDX pictures (idx3)", List.of("*idx3-ubyte", "*idx3-ubyte.gz", "*.gz"));
            case IMAGE_FOLDER -> files.chooseFolder("picture folder (one sub-folder per class)");
            case AUDIO_FOLDER -> files.chooseFolder("audio folder (one sub-folder of WAV clips per class)");
            case CSV -> files.chooseFile("CSV table", List.of("*.csv"));
            case TEXT, MANIFEST -> files.chooseFile(s.title() + " (CSV or JSONL)",
                    List.of("*.csv", "*.jsonl", "*.ndjson"));
            default -> java.util.Optional.<Path>empty();
        };
        chosen.ifPresent(form::chooseFile);
    }

    private static Node row(String name, Node control) {
        Label label = new Label(name);
        label.setMinWidth(96);
        label.getStyleClass().add(StudioStyle.MUTED);
        HBox row = new HBox(8, label, control);
        row.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        HBox.setHgrow(control, Priority.ALWAYS);
        return row;
    }

    private static void show(Node node, boolean on) {
        node.setVisible(on);
        node.setManaged(on);
    }

    /** Two lines: the source's name and what it is. */
    private static final class SourceCell extends ListCell<Source> {
        @Override
        protected void updateItem(Source s, boolean empty) {
            super.updateItem(s, empty);
            if (empty || s == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            Label name = new Label(s.title());
            name.getStyleClass().add(StudioStyle.SOURCE_TITLE);
            Label what = new Label(s.description());
            what.getStyleClass().add(StudioStyle.MUTED);
            what.setMaxWidth(236); // no sideways scrolling: a long description ends in "…"
            setText(null);
            setGraphic(new VBox(1, name, what));
        }
    }
}
