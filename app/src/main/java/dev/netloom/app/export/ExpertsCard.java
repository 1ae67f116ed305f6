package dev.netloom.app.export;

import dev.netloom.app.studio.StudioStyle;
import dev.netloom.app.training.ExpertPruner;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;

import java.util.Locale;

/**
 * The Export view's card for a Mixture-of-Experts model: for each number of experts kept per
 * layer, the test accuracy and the size, measured when the person asks ({@link ExpertsCardModel}).
 */
public final class ExpertsCard extends VBox {

    private final ExpertsCardModel model;
    private final GridPane table = new GridPane();

    public ExpertsCard(ExpertsCardModel model) {
        super(10);
        this.model = model;
        setId("export-experts");
        getStyleClass().add(ExportStyle.CARD);
        visibleProperty().bind(model.shownProperty());
        managedProperty().bind(visibleProperty());

        Label title = new Label("Experts kept");
        title.getStyleClass().add(StudioStyle.SECTION_TITLE);
        Label about = new Label("This model has Mixture-of-Experts layers. The exported model computes every expert it "
                + "keeps, so keeping fewer of them makes it smaller and faster on the device; measure what that costs "
                + "in accuracy before pruning with netloom prune-experts.");
        about.getStyleClass().add(StudioStyle.MUTED);
        about.setWrapText(true);

        Button measure = new Button("Measure experts", new FontIcon(MaterialDesignS.SPEEDOMETER));
        measure.setId("export-measure-experts");
        measure.setOnAction(e -> model.measure());
        measure.disableProperty().bind(model.busyProperty());
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(18, 18);
        spinner.visibleProperty().bind(model.busyProperty());
        spinner.managedProperty().bind(spinner.visibleProperty());
        Label status = new Label();
        status.setId("export-experts-status");
        status.getStyleClass().add(ExportStyle.STATUS);
        status.setWrapText(true);
        status.textProperty().bind(model.statusProperty());

        table.setId("export-experts-table");
        table.getStyleClass().add(ExportStyle.TABLE);
        table.setHgap(22);
        table.setVgap(8);
        table.visibleProperty().bind(model.rowsProperty().emptyProperty().not());
        table.managedProperty().bind(table.visibleProperty());
        model.rowsProperty().addListener((ListChangeListener<ExpertPruner.CountRow>) c -> fill());

        HBox actions = new HBox(10, measure, spinner, status);
        actions.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        getChildren().addAll(title, about, actions, table);
    }

    private void fill() {
        table.getChildren().clear();
        String[] heads = {"Experts per layer", "Test accuracy", "Change", "Parameters", "Weights"};
        for (int i = 0; i < heads.length; i++) {
            Label h = new Label(heads[i]);
            h.getStyleClass().add(ExportStyle.COLUMN_HEAD);
            table.add(h, i, 0);
        }
        var rows = model.rowsProperty();
        if (rows.isEmpty()) {
            return;
        }
        ExpertPruner.CountRow all = rows.get(0);
        for (int r = 0; r < rows.size(); r++) {
            ExpertPruner.CountRow row = rows.get(r);
            boolean first = r == 0;
            table.add(new Label(row.kept() + (first ? " (as trained)" : "")), 0, r + 1);
            table.add(new Label(String.format(Locale.ROOT, "%.2f%%", row.testAccuracy() * 100)), 1, r + 1);
            double change = (row.testAccuracy() - all.testAccuracy()) * 100;
            Label delta = new Label(first ? "" : String.format(Locale.ROOT, "%+.2f pt", change == 0 ? 0.0 : change));
            if (!first) {
                delta.getStyleClass().add(change < -1 ? ExportStyle.FITS_NO : ExportStyle.FITS_YES);
            }
            table.add(delta, 2, r + 1);
            table.add(new Label(String.format(Locale.ROOT, "%,d", row.parameters())), 3, r + 1);
            table.add(new Label(String.format(Locale.ROOT, "%.0f%% of the model's", 100.0 * row.weightBytesFp32()
                    / all.weightBytesFp32())), 4, r + 1);
        }
    }
}
