package dev.netloom.app.training;

import dev.netloom.app.data.Picture;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;

import java.util.List;
import java.util.Locale;

/**
 * The misclassified test examples of one confusion-matrix cell: each with its picture (as the
 * model saw it) and its question or text when the inputs have them, and how sure the model was.
 */
final class MistakeTiles extends VBox {

    /** Tiles drawn at most; the rest are counted. */
    static final int SHOWN = 60;
    private static final int PICTURE = 64;

    private final Label title = new Label("Click a cell of the matrix to see its test examples.");
    private final FlowPane tiles = new FlowPane(8, 8);

    MistakeTiles() {
        super(8);
        setId("train-mistakes");
        title.getStyleClass().add("section-title");
        title.setWrapText(true);
        // Scrolls within the height of the matrix beside it, rather than stretching the whole row.
        javafx.scene.control.ScrollPane scroll = new javafx.scene.control.ScrollPane(tiles);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("edge-to-edge");
        scroll.setPrefViewportHeight(300);
        scroll.setMinViewportHeight(120);
        VBox.setVgrow(scroll, javafx.scene.layout.Priority.ALWAYS);
        getChildren().addAll(title, scroll);
    }

    void clear() {
        title.setText("Click a cell of the matrix to see its test examples.");
        tiles.getChildren().clear();
    }

    void show(List<TestReport.Mistake> mistakes, String actual, String predicted, long count) {
        if (actual.equals(predicted)) {
            title.setText(count + " test examples of " + actual + " were right.");
            tiles.getChildren().clear();
            return;
        }
        title.setText(String.format(Locale.ROOT, "%d test example%s of %s predicted as %s%s", count,
                count == 1 ? "" : "s", actual, predicted, mistakes.size() > SHOWN
                        ? " (the " + SHOWN + " the model was surest of)" : ""));
        tiles.getChildren().setAll(mistakes.stream().limit(SHOWN).map(MistakeTiles::tile).toList());
    }

    /** Tiles shown now. */
    int shown() {
        return tiles.getChildren().size();
    }

    private static Node tile(TestReport.Mistake m) {
        VBox box = new VBox(4);
        box.setAlignment(Pos.TOP_CENTER);
        box.getStyleClass().add(TrainStyle.MISTAKE);
        if (m.picture() != null) {
            Picture p = m.picture();
            WritableImage image = new WritableImage(p.width(), p.height());
            image.getPixelWriter().setPixels(0, 0, p.width(), p.height(), PixelFormat.getIntArgbInstance(), p.argb(),
                    0, p.width());
            ImageView view = new ImageView(image);
            view.setFitWidth(PICTURE);
            view.setFitHeight(PICTURE);
            view.setPreserveRatio(true);
            view.setSmooth(false); // show the pixels the model saw
            box.getChildren().add(view);
        }
        if (!m.text().isEmpty()) {
            Label text = new Label(m.text());
            text.getStyleClass().add(TrainStyle.MISTAKE_TEXT);
            text.setWrapText(true);
            text.setMaxWidth(m.picture() == null ? 220 : PICTURE + 50);
            text.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
            box.getChildren().add(text);
        }
        Label sure = new Label(String.format(Locale.ROOT, "%.0f%% sure", m.confidence() * 100));
        sure.getStyleClass().add(TrainStyle.MISTAKE_LABEL);
        box.getChildren().add(sure);
        box.setPrefWidth(m.picture() == null ? 240 : PICTURE + 60);
        return box;
    }
}
