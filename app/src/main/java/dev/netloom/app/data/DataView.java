package dev.netloom.app.data;

import dev.netloom.app.studio.StudioStyle;
import javafx.geometry.Insets;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;

import java.util.List;
import java.util.Locale;

/**
 * The Data view: choose a source on the left; on the right the dataset as the training engine
 * reads it (name, splits, classes, samples, class balance, the read report) and whether it
 * matches the model. All state lives in the {@link DataViewModel}; this class only binds.
 */
public final class DataView extends VBox {

    private final DataViewModel model;
    private final Label name = new Label();
    private final Label splits = new Label();
    private final Label classes = new Label();
    private final Label check = new Label();
    private final Label error = new Label();
    private final Label report = new Label();
    private final VBox issues = new VBox(2);
    private final SampleGrid samples = new SampleGrid();
    private final BarChart<String, Number> balance = new BarChart<>(new CategoryAxis(), new NumberAxis());
    private final VBox shown;

    /**
     * @param model the view's state
     * @param form the source form's state
     * @param files how files and folders are chosen
     */
    public DataView(DataViewModel model, SourceForm form, DataFiles files) {
        super(14);
        this.model = model;
        getStyleClass().add(StudioStyle.DATA_VIEW);
        setPadding(new Insets(20, 24, 20, 24));

        name.setId("data-name");
        name.getStyleClass().add(StudioStyle.DATA_NAME);
        splits.setId("data-splits");
        classes.setId("data-classes");
        classes.getStyleClass().add(StudioStyle.MUTED);
        classes.setWrapText(true);
        check.setId("data-check");
        check.getStyleClass().add(StudioStyle.CHECK_LINE);
        check.setWrapText(true);
        check.setMinHeight(Region.USE_PREF_SIZE);
        error.setId("data-error");
        error.getStyleClass().add(StudioStyle.ERROR_LINE);
        error.setWrapText(true);
        error.setMinHeight(Region.USE_PREF_SIZE);
        error.textProperty().bind(model.errorProperty());
        error.visibleProperty().bind(model.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        error.setGraphic(new FontIcon(MaterialDesignA.ALERT_CIRCLE_OUTLINE));

        balance.setId("data-balance");
        balance.setTitle("Examples per class");
        balance.setLegendVisible(false);
        balance.setAnimated(false);
        balance.setPrefWidth(400);
        balance.setMinWidth(320);
        balance.setPrefHeight(330);
        report.setId("data-report");
        report.getStyleClass().add(StudioStyle.SECTION_TITLE);
        Label reportTitle = new Label("Read report");
        reportTitle.getStyleClass().add(StudioStyle.MUTED);
        VBox reportBox = new VBox(4, reportTitle, report, issues);
        reportBox.getStyleClass().add(StudioStyle.DATA_CARD);
        VBox chartBox = new VBox(balance);
        chartBox.getStyleClass().add(StudioStyle.DATA_CARD);
        VBox side = new VBox(14, chartBox, reportBox);
        side.setMinWidth(360);
        side.setPrefWidth(420);

        Label samplesTitle = new Label("Samples (training split)");
        samplesTitle.getStyleClass().add(StudioStyle.SECTION_TITLE);
        VBox samplesBox = new VBox(8, samplesTitle, samples);
        samplesBox.getStyleClass().add(StudioStyle.DATA_CARD);
        VBox.setVgrow(samples, Priority.ALWAYS);
        HBox.setHgrow(samplesBox, Priority.ALWAYS);
        HBox body = new HBox(18, samplesBox, side);
        VBox.setVgrow(body, Priority.ALWAYS);

        VBox summary = new VBox(4, name, splits, classes, check);
        summary.getStyleClass().add(StudioStyle.DATA_CARD);
        shown = new VBox(14, summary, body);
        VBox.setVgrow(shown, Priority.ALWAYS);

        Label empty = new Label();
        empty.getStyleClass().add(StudioStyle.PLACEHOLDER_TEXT);
        empty.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> model.busyProperty().get()
                ? "" : model.statusProperty().get().isEmpty() ? "Choose a source and read it." : model.statusProperty().get(),
                model.busyProperty(), model.statusProperty()));
        empty.visibleProperty().bind(model.previewProperty().isNull());
        empty.managedProperty().bind(empty.visibleProperty());

        Label title = new Label("Data");
        title.getStyleClass().add(StudioStyle.PLACEHOLDER_TITLE);
        Label subtitle = new Label("The dataset as training will read it, checked against the model.");
        subtitle.getStyleClass().add(StudioStyle.MUTED);
        VBox right = new VBox(12, error, empty, shown);
        HBox.setHgrow(right, Priority.ALWAYS);
        HBox columns = new HBox(20, new SourcePane(form, model, files), right);
        VBox.setVgrow(columns, Priority.ALWAYS);

        getChildren().addAll(new VBox(2, title, subtitle), columns);
        // The form shows what the project reads, so "Read data" again reads the same thing.
        model.sectionProperty().addListener((obs, old, section) -> {
            if (section != null) {
                form.show(section, model.projectFolder());
            }
        });
        model.previewProperty().addListener((obs, old, p) -> showPreview(p));
        model.checkProperty().addListener((obs, old, c) -> showCheck(c));
        showPreview(model.previewProperty().get());
    }

    public DataViewModel model() {
        return model;
    }

    private void showPreview(DataPreview p) {
        shown.setVisible(p != null);
        shown.setManaged(p != null);
        samples.show(p);
        if (p == null) {
            balance.getData().clear();
            showCheck(null);
            return;
        }
        name.setText(p.name());
        splits.setText(p.splits());
        classes.setText(p.classesLine());
        XYChart.Series<String, Number> series = new XYChart.Series<>();
        p.balance().forEach(k -> series.getData().add(new XYChart.Data<>(k.name(), k.examples())));
        balance.getData().setAll(List.of(series));
        DataPreview.Report r = p.report();
        report.setText(r.line());
        issues.getChildren().setAll(r.issues().stream().map(i -> {
            Label l = new Label(i);
            l.getStyleClass().add(StudioStyle.ISSUE);
            return l;
        }).toList());
        if (r.unlisted() > 0) {
            Label more = new Label(String.format(Locale.ROOT, "… and %,d more", r.unlisted()));
            more.getStyleClass().add(StudioStyle.MUTED);
            issues.getChildren().add(more);
        }
    }

    private void showCheck(ModelCheck c) {
        check.getStyleClass().removeAll(StudioStyle.CHECK_OK, StudioStyle.CHECK_BAD);
        if (c == null) {
            check.setText("");
            check.setGraphic(null);
            return;
        }
        check.setText(c.message());
        check.setGraphic(new FontIcon(c.matches() ? MaterialDesignC.CHECK_CIRCLE_OUTLINE : MaterialDesignA.ALERT_CIRCLE_OUTLINE));
        check.getStyleClass().add(c.matches() ? StudioStyle.CHECK_OK : StudioStyle.CHECK_BAD);
    }
}
