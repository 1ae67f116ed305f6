package dev.netloom.app.data;

import dev.netloom.app.studio.StudioStyle;
import dev.netloom.designer.model.DesignerModel;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.TilePane;
import javafx.scene.layout.VBox;
import javafx.beans.property.SimpleStringProperty;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignI;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The Data view: open an IDX picture set or a CSV table, see a grid of samples with their
 * labels and the class balance, and whether the dataset fits the model's inputs and head.
 * Files are read on the io executor, never on the FX thread.
 */
public final class DataView extends VBox {

    /** How many samples the grid shows. */
    public static final int SAMPLES = 48;

    private final DesignerModel designer;
    private final Executor io;
    private final Supplier<Window> owner;
    private final Label summary = new Label("No dataset open yet.");
    private final VBox checks = new VBox(6);
    private final TilePane grid = new TilePane(10, 10);
    private final ScrollPane gridScroll = new ScrollPane(grid);
    private final TableView<List<String>> table = new TableView<>();
    private final BarChart<String, Number> balance = new BarChart<>(new CategoryAxis(), new NumberAxis());
    private final HBox body;
    private DatasetPreview shown;

    public DataView(DesignerModel designer, Executor io, Supplier<Window> owner) {
        this.designer = designer;
        this.io = io;
        this.owner = owner;
        getStyleClass().add(StudioStyle.DATA_VIEW);
        setSpacing(14);
        setPadding(new Insets(20, 24, 20, 24));

        Label title = new Label("Data");
        title.getStyleClass().add(StudioStyle.PLACEHOLDER_TITLE);
        Label note = new Label("Preview with the studio's small IDX and CSV readers; the training engine's dataset "
                + "readers will replace them.");
        note.getStyleClass().add(StudioStyle.NOTE);
        note.setWrapText(true);
        Button idx = new Button("Open IDX pictures…", icon(MaterialDesignI.IMAGE_MULTIPLE_OUTLINE));
        idx.setId("open-idx");
        idx.setOnAction(e -> choose("IDX pictures (MNIST family)", "*-images-idx3-ubyte", "*-images-idx3-ubyte.gz",
                "*.idx3-ubyte", "*.gz").ifPresent(this::load));
        Button csv = new Button("Open CSV table…", icon(MaterialDesignT.TABLE));
        csv.setId("open-csv");
        csv.setOnAction(e -> choose("CSV table", "*.csv").ifPresent(this::load));
        HBox actions = new HBox(10, idx, csv);
        summary.setId("data-summary");
        summary.getStyleClass().add(StudioStyle.SECTION_TITLE);
        checks.setId("data-checks");

        grid.setPrefColumns(8);
        grid.setPadding(new Insets(4));
        gridScroll.setFitToWidth(true);
        gridScroll.getStyleClass().add("edge-to-edge");
        table.setPlaceholder(new Label(""));
        balance.setTitle("Examples per class");
        balance.setLegendVisible(false);
        balance.setAnimated(false);
        balance.setPrefWidth(420);
        balance.setMinWidth(320);
        Label samplesTitle = new Label("Samples");
        samplesTitle.getStyleClass().add(StudioStyle.SECTION_TITLE);
        VBox samples = new VBox(8, samplesTitle, gridScroll);
        VBox.setVgrow(gridScroll, Priority.ALWAYS);
        HBox.setHgrow(samples, Priority.ALWAYS);
        body = new HBox(20, samples, balance);
        VBox.setVgrow(body, Priority.ALWAYS);
        body.setVisible(false);
        getChildren().addAll(new VBox(4, title, note), actions, summary, checks, body);
        designer.analysisProperty().addListener((obs, old, a) -> showChecks());
    }

    private static FontIcon icon(org.kordamp.ikonli.Ikon ikon) {
        FontIcon i = new FontIcon(ikon);
        i.setIconSize(16);
        return i;
    }

    private java.util.Optional<Path> choose(String what, String... patterns) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open a dataset");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(what, patterns));
        java.io.File f = chooser.showOpenDialog(owner.get());
        return f == null ? java.util.Optional.empty() : java.util.Optional.of(f.toPath());
    }

    /** Reads a dataset off the FX thread and shows it; IDX or CSV by the file's name. */
    public CompletableFuture<DatasetPreview> load(Path file) {
        summary.setText("Reading " + file.getFileName() + "…");
        boolean csv = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv");
        CompletableFuture<DatasetPreview> read = CompletableFuture.supplyAsync(() -> {
            try {
                return csv ? CsvPreviewReader.preview(file, SAMPLES) : IdxReader.preview(file, SAMPLES);
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        }, io);
        CompletableFuture<DatasetPreview> shownFuture = new CompletableFuture<>();
        read.whenComplete((preview, error) -> Platform.runLater(() -> {
            if (error != null) {
                Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                summary.setText("Cannot read " + file.getFileName() + ": " + cause.getMessage());
                shownFuture.completeExceptionally(cause);
            } else {
                show(preview);
                shownFuture.complete(preview);
            }
        }));
        return shownFuture;
    }

    private void show(DatasetPreview p) {
        shown = p;
        String shape = String.join("×", p.exampleShape().stream().map(String::valueOf).toList());
        summary.setText(p.source() + "  ·  " + p.format() + "  ·  " + String.format(Locale.ROOT, "%,d", p.count())
                + " examples  ·  " + (p.isImages() ? shape + " pictures" : shape + " features") + "  ·  "
                + p.classCounts().size() + " classes");
        grid.getChildren().clear();
        if (p.isImages()) {
            for (DatasetPreview.Sample s : p.samples()) {
                grid.getChildren().add(sample(s));
            }
            gridScroll.setContent(grid);
        } else {
            showTable(p);
            gridScroll.setContent(table);
        }
        XYChart.Series<String, Number> series = new XYChart.Series<>();
        p.classCounts().forEach((label, n) -> series.getData().add(new XYChart.Data<>(label, n)));
        balance.getData().setAll(List.of(series));
        body.setVisible(true);
        showChecks();
    }

    private VBox sample(DatasetPreview.Sample s) {
        WritableImage image = new WritableImage(s.width(), s.height());
        PixelWriter w = image.getPixelWriter();
        for (int y = 0; y < s.height(); y++) {
            for (int x = 0; x < s.width(); x++) {
                int v = s.pixels()[y * s.width() + x] & 0xff;
                w.setArgb(x, y, 0xff000000 | (v << 16) | (v << 8) | v);
            }
        }
        ImageView view = new ImageView(image);
        view.setFitWidth(72);
        view.setFitHeight(72);
        view.setSmooth(false);
        Label label = new Label(s.label());
        label.getStyleClass().add(StudioStyle.SAMPLE_LABEL);
        VBox box = new VBox(4, view, label);
        box.setAlignment(Pos.CENTER);
        box.getStyleClass().add(StudioStyle.SAMPLE);
        return box;
    }

    private void showTable(DatasetPreview p) {
        table.getColumns().clear();
        for (int i = 0; i < p.columns().size(); i++) {
            int column = i;
            TableColumn<List<String>, String> c = new TableColumn<>(p.columns().get(i));
            c.setCellValueFactory(row -> new SimpleStringProperty(row.getValue().get(column)));
            table.getColumns().add(c);
        }
        table.setItems(FXCollections.observableArrayList(p.samples().stream().map(s -> {
            List<String> row = new java.util.ArrayList<>(s.values());
            row.add(s.label());
            return (List<String>) row;
        }).toList()));
    }

    private void showChecks() {
        checks.getChildren().clear();
        if (shown == null) {
            return;
        }
        DatasetCheck.Result r = DatasetCheck.check(shown, designer.analysis());
        for (DatasetCheck.Finding finding : r.findings()) {
            boolean bad = !finding.ok();
            Label l = new Label(finding.text(), icon(bad ? MaterialDesignA.ALERT_CIRCLE_OUTLINE : MaterialDesignC.CHECK_CIRCLE_OUTLINE));
            l.getStyleClass().add(bad ? StudioStyle.CHECK_BAD : StudioStyle.CHECK_OK);
            l.setWrapText(true);
            l.setMinHeight(Region.USE_PREF_SIZE);
            checks.getChildren().add(l);
        }
        Label verdict = new Label(r.fits() ? "The dataset fits the model." : "The dataset does not fit the model yet.",
                icon(r.fits() ? MaterialDesignC.CHECK_DECAGRAM : MaterialDesignF.FILE_ALERT_OUTLINE));
        verdict.setId("data-verdict");
        verdict.getStyleClass().addAll(StudioStyle.SECTION_TITLE, r.fits() ? StudioStyle.CHECK_OK : StudioStyle.CHECK_BAD);
        checks.getChildren().add(0, verdict);
    }
}
