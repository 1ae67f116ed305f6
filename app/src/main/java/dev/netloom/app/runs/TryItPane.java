package dev.netloom.app.runs;

import dev.netloom.app.predict.InputSlot;
import dev.netloom.app.predict.Prediction;
import dev.netloom.app.studio.StudioStyle;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import java.io.File;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The "Try it" tab of the Runs view: a control per model input (a drop zone with a chooser for a
 * picture, a field for a text or a question, a field for a table row), Predict, and the answer as
 * the most probable classes with bars. All state is in the {@link TryItViewModel}.
 */
public final class TryItPane extends VBox {

    /** Style classes (studio.css). */
    static final String PANE = "try-it";
    static final String DROP = "try-drop";
    static final String DROP_HOVER = "try-drop-hover";
    static final String ANSWER_LABEL = "try-answer-label";

    private final TryItViewModel model;
    private PictureFiles pictures;
    private final VBox fields = new VBox(10);
    private final GridPane answer = new GridPane();

    public TryItPane(TryItViewModel model, PictureFiles pictures) {
        super(10);
        this.model = model;
        this.pictures = pictures;
        setId("tryit");
        getStyleClass().add(PANE);
        setPadding(new Insets(10));

        Label title = new Label();
        title.setId("tryit-title");
        title.getStyleClass().add(StudioStyle.SECTION_TITLE);
        title.setWrapText(true);
        title.textProperty().bind(model.titleProperty());

        Button predict = new Button("Predict");
        predict.setId("tryit-predict");
        predict.getStyleClass().add(StudioStyle.PRIMARY_ACTION);
        predict.setDefaultButton(false);
        predict.disableProperty().bind(model.readyProperty().not().or(model.busyProperty()));
        predict.setOnAction(e -> model.predict());

        Label error = new Label();
        error.setId("tryit-error");
        error.getStyleClass().add(StudioStyle.ERROR_LINE);
        error.setWrapText(true);
        error.textProperty().bind(model.errorProperty());
        error.visibleProperty().bind(model.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());

        answer.setId("tryit-answer");
        answer.setHgap(10);
        answer.setVgap(6);
        Label answerTitle = new Label("Answer");
        answerTitle.getStyleClass().add(StudioStyle.SECTION_TITLE);
        VBox answerBox = new VBox(6, answerTitle, answer);
        answerBox.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(model.answer()));
        answerBox.managedProperty().bind(answerBox.visibleProperty());
        answerBox.setMinWidth(300);
        answerBox.setMaxWidth(560); // bars longer than this are hard to compare at a glance

        VBox left = new VBox(10, fields, predict, error);
        left.setMinWidth(320);
        HBox body = new HBox(24, left, answerBox);
        HBox.setHgrow(answerBox, Priority.ALWAYS);
        getChildren().addAll(title, body);

        model.inputs().addListener((ListChangeListener<InputSlot>) c -> buildFields());
        model.answer().addListener((ListChangeListener<Prediction.Ranked>) c -> showAnswer());
    }

    /** Where "Choose picture…" asks (tests answer without a dialog). */
    public void usePictureFiles(PictureFiles files) {
        this.pictures = files;
    }

    public TryItViewModel model() {
        return model;
    }

    private void buildFields() {
        fields.getChildren().clear();
        for (InputSlot slot : model.inputs()) {
            fields.getChildren().add(switch (slot.kind()) {
                case PICTURE -> pictureField(slot);
                case TEXT -> textField(slot);
                case ROW -> rowField(slot);
            });
        }
    }

    private Node pictureField(InputSlot slot) {
        ImageView preview = new ImageView();
        preview.setFitWidth(132);
        preview.setFitHeight(132);
        preview.setPreserveRatio(true);
        preview.setSmooth(false); // small training pictures: show their pixels, not a blur
        Label hint = new Label("Drop a picture here");
        hint.getStyleClass().add(StudioStyle.MUTED);
        StackPane drop = new StackPane(hint, preview);
        drop.setId("tryit-drop-" + slot.name());
        drop.getStyleClass().add(DROP);
        drop.setMinSize(148, 148);
        drop.setMaxSize(148, 148);
        Label file = new Label();
        file.getStyleClass().add(StudioStyle.MUTED);
        file.setMaxWidth(260);
        java.util.function.Consumer<Path> use = path -> {
            model.set(slot.name(), path);
            preview.setImage(new Image(path.toUri().toString(), 132, 132, true, false));
            hint.setVisible(preview.getImage().isError());
            file.setText(path.getFileName().toString());
        };
        drop.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        drop.setOnDragEntered(e -> drop.getStyleClass().add(DROP_HOVER));
        drop.setOnDragExited(e -> drop.getStyleClass().remove(DROP_HOVER));
        drop.setOnDragDropped(e -> {
            boolean done = false;
            if (e.getDragboard().hasFiles() && !e.getDragboard().getFiles().isEmpty()) {
                File f = e.getDragboard().getFiles().get(0);
                use.accept(f.toPath());
                done = true;
            }
            e.setDropCompleted(done);
            e.consume();
        });
        Button choose = new Button("Choose picture…");
        choose.setId("tryit-choose-" + slot.name());
        choose.setOnAction(e -> pictures.choosePicture().ifPresent(use));
        VBox side = new VBox(6, label("Picture", slot), choose, file);
        HBox row = new HBox(12, drop, side);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    private Node textField(InputSlot slot) {
        boolean question = slot.name().toLowerCase(Locale.ROOT).contains("question");
        TextField text = new TextField();
        text.setId("tryit-text-" + slot.name());
        text.setPromptText(question ? "Type a question, e.g. what colour is the shape?" : "Type a text");
        text.setPrefColumnCount(32);
        text.textProperty().addListener((o, was, now) -> model.set(slot.name(), now));
        text.setOnAction(e -> model.predict());
        return new VBox(4, label(question ? "Question" : "Text", slot), text);
    }

    private Node rowField(InputSlot slot) {
        TextField row = new TextField();
        row.setId("tryit-row-" + slot.name());
        row.setPromptText(String.join(", ", slot.columns().stream().map(c -> c + "=…").toList()));
        row.setPrefColumnCount(40);
        row.textProperty().addListener((o, was, now) -> model.set(slot.name(), now));
        row.setOnAction(e -> model.predict());
        Label columns = new Label("Paste a row: name=value pairs, or the values in this order: "
                + String.join(", ", slot.columns()));
        columns.getStyleClass().add(StudioStyle.MUTED);
        columns.setWrapText(true);
        return new VBox(4, label("Table row", slot), row, columns);
    }

    private static Label label(String what, InputSlot slot) {
        // The input's name only when it says more than the kind ("Picture", not "Picture (image)").
        boolean plain = slot.name().equalsIgnoreCase(what) || slot.name().equalsIgnoreCase("image")
                || slot.name().equalsIgnoreCase("features");
        Label l = new Label(plain ? what : what + " (" + slot.name() + ")");
        l.getStyleClass().add(StudioStyle.SECTION_TITLE);
        return l;
    }

    private void showAnswer() {
        answer.getChildren().clear();
        int row = 0;
        for (Prediction.Ranked r : model.answer()) {
            Label name = new Label(r.label());
            name.getStyleClass().add(ANSWER_LABEL);
            if (row == 0) {
                name.setStyle("-fx-font-weight: bold;");
            }
            ProgressBar bar = new ProgressBar(r.probability());
            bar.setPrefWidth(220);
            bar.setMaxWidth(Double.MAX_VALUE);
            Label percent = new Label(String.format(Locale.ROOT, "%.1f%%", r.probability() * 100));
            percent.setMinWidth(56);
            percent.setAlignment(Pos.CENTER_RIGHT);
            GridPane.setHgrow(bar, Priority.ALWAYS);
            answer.addRow(row++, name, bar, percent);
        }
    }
}
