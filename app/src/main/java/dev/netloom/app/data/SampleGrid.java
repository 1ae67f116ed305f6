package dev.netloom.app.data;

import dev.netloom.app.studio.StudioStyle;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.TilePane;
import javafx.scene.layout.VBox;

/**
 * The samples of a preview: a grid of pictures with their labels (and question or text when
 * the dataset has one), or, for tables, the first rows' features.
 */
final class SampleGrid extends StackPane {

    /** Pixels a picture is drawn at, whatever its size in the dataset. */
    static final int PICTURE_SIZE = 76;

    private final TilePane tiles = new TilePane(10, 10);
    private final ScrollPane scroll = new ScrollPane(tiles);
    private final TableView<DataPreview.Sample> table = new TableView<>();

    SampleGrid() {
        setId("data-samples");
        tiles.setPadding(new Insets(2));
        tiles.setPrefColumns(6);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("edge-to-edge");
        table.setId("data-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        getChildren().add(scroll);
    }

    void show(DataPreview p) {
        if (p == null) {
            tiles.getChildren().clear();
            table.getItems().clear();
            return;
        }
        if (p.isTable()) {
            showTable(p);
            getChildren().setAll(table);
        } else {
            tiles.getChildren().setAll(p.samples().stream().map(SampleGrid::tile).toList());
            getChildren().setAll(scroll);
        }
    }

    private static Node tile(DataPreview.Sample s) {
        VBox box = new VBox(5);
        box.setAlignment(Pos.TOP_CENTER);
        box.getStyleClass().add(StudioStyle.SAMPLE);
        if (s.picture() != null) {
            Picture p = s.picture();
            WritableImage image = new WritableImage(p.width(), p.height());
            image.getPixelWriter().setPixels(0, 0, p.width(), p.height(), PixelFormat.getIntArgbInstance(), p.argb(),
                    0, p.width());
            ImageView view = new ImageView(image);
            view.setFitWidth(PICTURE_SIZE);
            view.setFitHeight(PICTURE_SIZE);
            view.setPreserveRatio(true);
            view.setSmooth(false); // small pictures: show their pixels, as the model sees them
            box.getChildren().add(view);
        }
        if (!s.text().isEmpty()) {
            Label text = new Label(s.text());
            text.getStyleClass().add(StudioStyle.SAMPLE_TEXT);
            text.setWrapText(true);
            text.setMaxWidth(PICTURE_SIZE + 44);
            text.setMinHeight(34);
            text.setAlignment(Pos.TOP_CENTER);
            text.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
            box.getChildren().add(text);
        }
        Label label = new Label(s.label());
        label.getStyleClass().add(StudioStyle.SAMPLE_LABEL);
        box.getChildren().add(label);
        box.setPrefWidth(s.text().isEmpty() ? PICTURE_SIZE + 14 : PICTURE_SIZE + 54);
        return box;
    }

    private void showTable(DataPreview p) {
        table.getColumns().clear();
        TableColumn<DataPreview.Sample, String> label = new TableColumn<>("label");
        label.setCellValueFactory(row -> new SimpleStringProperty(row.getValue().label()));
        table.getColumns().add(label);
        for (int i = 0; i < p.featureColumns().size(); i++) {
            int column = i;
            TableColumn<DataPreview.Sample, String> c = new TableColumn<>(p.featureColumns().get(i));
            c.setCellValueFactory(row -> new SimpleStringProperty(row.getValue().features().get(column)));
            c.setStyle("-fx-alignment: CENTER-RIGHT;");
            table.getColumns().add(c);
        }
        table.setItems(FXCollections.observableArrayList(p.samples()));
    }
}
