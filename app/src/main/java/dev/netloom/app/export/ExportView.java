package dev.netloom.app.export;

import dev.netloom.app.StudioServices;
import dev.netloom.app.studio.StudioStyle;
import dev.netloom.app.workspace.Workspace;
import dev.netloom.devices.DeviceProfile;
import dev.netloom.graph.Units;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignE;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignH;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.Executor;

/**
 * The Export view: pick a trained model and a device; one row per precision the device takes
 * shows at a glance whether the model fits (storage and RAM against the device's budgets,
 * estimated latency, accuracy after quantization once measured); export writes the verified,
 * signed bundle and shows its report. All state lives in the {@link ExportViewModel}; this class
 * only binds.
 */
public final class ExportView extends ScrollPane {

    /** The precision word of the "auto" row. */
    public static final String AUTO = "auto";

    private final ExportViewModel model;
    private final ExportFiles files;
    private final ComboBox<ModelChoice> models = new ComboBox<>();
    private final ComboBox<DeviceChoice> devices = new ComboBox<>();
    private final GridPane table = new GridPane();
    private final ToggleGroup precisions = new ToggleGroup();
    private final TextField maxDrop = new TextField("1.0");
    private final VBox report = new VBox(8);

    /**
     * @param model the view's state
     * @param files the folder chooser and the file manager
     */
    public ExportView(ExportViewModel model, ExportFiles files) {
        this.model = model;
        this.files = files;
        getStylesheets().add(ExportStyle.STYLESHEET);
        getStyleClass().add(ExportStyle.VIEW);
        setFitToWidth(true);

        Label title = new Label("Export");
        title.getStyleClass().add(ExportStyle.TITLE);
        Label subtitle = new Label("A quantized, verified and signed bundle of a trained model, for one device.");
        subtitle.getStyleClass().add(StudioStyle.MUTED);

        VBox page = new VBox(14, new VBox(2, title, subtitle), pickers(), precisionCard(), actions(),
                new ExpertsCard(model.experts()), report);
        page.setPadding(new Insets(20, 24, 24, 24));
        page.getStyleClass().add(ExportStyle.VIEW);
        report.setId("export-report");
        report.getStyleClass().add(ExportStyle.CARD);
        report.visibleProperty().bind(model.reportProperty().isNotNull());
        report.managedProperty().bind(report.visibleProperty());
        model.reportProperty().addListener((obs, old, r) -> showReport(r));
        setContent(page);
    }

    /** A view wired as the studio wires it: the project's runs, the home's devices and signing key. */
    public static ExportView create(StudioServices services, Workspace workspace,
                                    ReadOnlyObjectProperty<Path> projectFile, Executor io, Executor fx, ExportFiles files) {
        ExportViewModel model = new ExportViewModel(services.projectFile(), workspace.runs(),
                () -> Optional.ofNullable(projectFile.get()), services.devices(),
                services.home().resolve("keys"), io, fx);
        projectFile.addListener((obs, old, now) -> model.refreshModels());
        ExportView view = new ExportView(model, files);
        // Runs finish while the studio is open: list them again whenever the view is shown.
        view.sceneProperty().addListener((obs, old, scene) -> {
            if (scene != null) {
                model.refreshModels();
            }
        });
        return view;
    }

    public ExportViewModel model() {
        return model;
    }

    // ---- model and device ----

    private HBox pickers() {
        models.setId("export-model");
        models.setPromptText("Choose a trained model");
        models.setItems(model.modelsProperty());
        models.setPrefWidth(380);
        models.valueProperty().addListener((obs, old, choice) -> {
            if (choice != null && !choice.equals(model.modelProperty().get())) {
                model.chooseModel(choice);
            }
        });
        model.modelProperty().addListener((obs, old, choice) -> models.setValue(choice));
        Button folder = new Button("Choose a model folder…", new FontIcon(MaterialDesignF.FOLDER_OPEN_OUTLINE));
        folder.setId("export-choose-folder");
        folder.setOnAction(e -> files.chooseModelFolder().ifPresent(dir -> model.chooseModel(ModelChoice.folder(dir))));

        devices.setId("export-device");
        devices.setPromptText("Choose a device");
        devices.getItems().setAll(model.devices());
        devices.setPrefWidth(300);
        devices.setVisibleRowCount(16);
        devices.setCellFactory(list -> new DeviceCell(true));
        devices.setButtonCell(new DeviceCell(false));
        devices.valueProperty().addListener((obs, old, choice) -> {
            if (choice == null) {
                return;
            }
            if (choice.heading()) {
                devices.setValue(old); // a group's heading is not a device
            } else if (choice.device() != model.deviceProperty().get()) {
                model.chooseDevice(choice.device());
            }
        });
        model.deviceProperty().addListener((obs, old, d) -> devices.setValue(model.devices().stream()
                .filter(c -> c.device() == d).findFirst().orElse(null)));

        HBox row = new HBox(10, label("Model"), models, folder, spacer(24), label("Device"), devices);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    /** Headings in bold and unselectable; devices indented under them. */
    private static final class DeviceCell extends ListCell<DeviceChoice> {
        private final boolean inList;

        /** @param inList true in the open list (devices indented under headings), false on the closed box */
        DeviceCell(boolean inList) {
            this.inList = inList;
        }

        @Override
        protected void updateItem(DeviceChoice item, boolean empty) {
            super.updateItem(item, empty);
            setDisable(false);
            setStyle("");
            if (empty || item == null) {
                setText(null);
                return;
            }
            if (item.heading()) {
                setText(item.group().displayName());
                setDisable(true);
                setStyle("-fx-font-weight: bold; -fx-opacity: 1;");
            } else {
                setText((inList ? "    " : "") + item.device().name());
            }
        }
    }

    // ---- precision rows ----

    private VBox precisionCard() {
        table.getStyleClass().add(ExportStyle.TABLE);
        table.setId("export-precisions");
        table.setHgap(16);
        table.setVgap(10);
        ColumnConstraints fixed = new ColumnConstraints();
        fixed.setMinWidth(Region.USE_PREF_SIZE);
        // Narrow enough that both marks stay in view on a 1024-pixel window.
        ColumnConstraints grow = new ColumnConstraints(100, 190, 260);
        grow.setHgrow(Priority.SOMETIMES);
        table.getColumnConstraints().addAll(fixed, grow, grow, grow, fixed, fixed, fixed);
        model.rowsProperty().addListener((ListChangeListener<PrecisionFit>) c -> fillTable());
        Label empty = new Label("Choose a model and a device to see, for each precision, whether the model fits.");
        empty.getStyleClass().add(StudioStyle.MUTED);
        empty.visibleProperty().bind(model.rowsProperty().emptyProperty());
        empty.managedProperty().bind(empty.visibleProperty());
        table.visibleProperty().bind(empty.visibleProperty().not());
        table.managedProperty().bind(table.visibleProperty());
        VBox card = new VBox(10, empty, table);
        card.getStyleClass().add(ExportStyle.CARD);
        return card;
    }

    private void fillTable() {
        String selected = precisions.getSelectedToggle() == null ? "int8"
                : (String) precisions.getSelectedToggle().getUserData();
        precisions.getToggles().clear();
        table.getChildren().clear();
        String[] heads = {"Precision", "Size / storage budget", "RAM / RAM budget", "Estimated latency · energy",
                "Test accuracy", "Fits the device", "Keeps accuracy"};
        for (int i = 0; i < heads.length; i++) {
            Label h = new Label(heads[i]);
            h.getStyleClass().add(ExportStyle.COLUMN_HEAD);
            table.add(h, i, 0);
        }
        double slowest = model.rowsProperty().stream().mapToDouble(r -> r.estimate().latencyMs()).max().orElse(1);
        int row = 1;
        for (PrecisionFit fit : model.rowsProperty()) {
            String word = fit.word();
            RadioButton pick = new RadioButton(fit.displayName());
            pick.setId("precision-" + word);
            pick.setUserData(word);
            pick.setToggleGroup(precisions);
            pick.getStyleClass().add(ExportStyle.PRECISION_NAME);
            Gauge size = new Gauge(fit.storageShare(), Units.bytes(fit.estimate().storageBytes()) + " of "
                    + Units.bytes(fit.storageBudget()), true);
            size.setId("size-" + word);
            Gauge ram = new Gauge(fit.ramShare(), Units.bytes(fit.estimate().peakMemoryBytes()) + " of "
                    + Units.bytes(fit.ramBudget()), true);
            ram.setId("ram-" + word);
            Gauge latency = new Gauge(fit.estimate().latencyMs() / slowest, latencyText(fit.estimate().latencyMs())
                    + fit.estimate().energy().map(e -> " · " + energyText(e.millijoules())).orElse(""), false);
            latency.setId("latency-" + word);
            // Says which power figure the energy is charged at (or why there is none): it is an estimate.
            javafx.scene.control.Tooltip.install(latency, new javafx.scene.control.Tooltip(fit.estimate().energy()
                    .map(e -> "Energy per example: " + e.basis() + " × the estimated latency (" + e.provenance().id() + ")")
                    .orElse("No energy estimate: " + model.deviceProperty().get().power().scope())));
            AccuracyMark mark = AccuracyMark.of(fit, model.rowsProperty(), model.keepThresholdPoints());
            Label accuracy = new Label(Double.isNaN(fit.accuracy()) ? "—"
                    : String.format(Locale.ROOT, "%.2f%%", fit.accuracy() * 100)
                    + (Double.isNaN(mark.dropPoints()) || fit.isFp32() ? ""
                    : String.format(Locale.ROOT, " (%+.2f)", 0.0 - mark.dropPoints() + 0.0))); // never "-0.00"
            accuracy.setId("accuracy-" + word);
            Label fits = fitsMark(fit, mark);
            fits.setId("fits-" + word);
            Label keeps = keepsMark(mark);
            keeps.setId("keeps-" + word);
            table.addRow(row++, pick, size, ram, latency, accuracy, fits, keeps);
        }
        RadioButton auto = new RadioButton("Auto");
        auto.setId("precision-auto");
        auto.setUserData(AUTO);
        auto.setToggleGroup(precisions);
        auto.getStyleClass().add(ExportStyle.PRECISION_NAME);
        maxDrop.setId("export-max-drop");
        maxDrop.setPrefColumnCount(4);
        maxDrop.disableProperty().bind(auto.selectedProperty().not());
        Label points = new Label("points of accuracy at most (empty: the most accurate plan that fits)");
        points.getStyleClass().add(StudioStyle.MUTED);
        HBox autoRow = new HBox(8, new Label("a precision per layer, losing"), maxDrop, points);
        autoRow.setAlignment(Pos.CENTER_LEFT);
        table.add(auto, 0, row);
        table.add(autoRow, 1, row, 6, 1);
        // The two marks' rules, stated once: fitting and keeping the accuracy are different things.
        Label legend = new Label(String.format(Locale.ROOT, "Fits: storage and RAM within the device's budgets (estimated). "
                + "Keeps accuracy: test accuracy after quantization at most %.1f point below FP32, measured in ONNX Runtime "
                + "on the model's held-out test split (Measure accuracy); until then \"accuracy not checked\".",
                model.keepThresholdPoints()));
        legend.setId("export-marks-legend");
        legend.setWrapText(true);
        legend.getStyleClass().add(StudioStyle.MUTED);
        table.add(legend, 0, ++row, 7, 1);
        // A lower precision estimated slower than FP32 surprises: say why, in one line each.
        PrecisionFit fp32 = model.rowsProperty().stream().filter(f -> f.precision() == dev.netloom.graph.Precision.FP32)
                .findFirst().orElse(null);
        if (fp32 != null) {
            // Static INT8 has INT8's estimate: one note for both.
            java.util.List<String> notes = model.rowsProperty().stream().filter(f -> !f.staticInt8())
                    .map(f -> SlowerPrecision.explain(fp32, f))
                    .flatMap(java.util.Optional::stream).toList();
            if (!notes.isEmpty()) {
                Label note = new Label(String.join("\n", notes));
                note.setId("export-slower-note");
                note.setWrapText(true);
                note.getStyleClass().add(StudioStyle.MUTED);
                table.add(note, 0, ++row, 7, 1);
            }
        }
        precisions.getToggles().stream().filter(t -> selected.equals(t.getUserData())).findFirst()
                .or(() -> precisions.getToggles().stream().findFirst())
                .ifPresent(t -> t.setSelected(true));
    }

    /** "Fits" in green only when the accuracy is also kept: a model that fits but lost its accuracy gets no green. */
    private static Label fitsMark(PrecisionFit fit, AccuracyMark mark) {
        Label fits = new Label(fit.fits() ? "Fits" : "Does not fit",
                new FontIcon(fit.fits() ? MaterialDesignC.CHECK_CIRCLE_OUTLINE : MaterialDesignA.ALERT_CIRCLE_OUTLINE));
        fits.getStyleClass().add(!fit.fits() ? ExportStyle.FITS_NO
                : mark.keeps() || mark.state() == AccuracyMark.State.REFERENCE ? ExportStyle.FITS_YES : ExportStyle.FITS_PLAIN);
        return fits;
    }

    private static Label keepsMark(AccuracyMark mark) {
        FontIcon icon = new FontIcon(switch (mark.state()) {
            case KEEPS -> MaterialDesignC.CHECK_CIRCLE_OUTLINE;
            case LOSES -> MaterialDesignA.ALERT_CIRCLE_OUTLINE;
            case REFERENCE -> MaterialDesignS.STAR_OUTLINE;
            case NOT_CHECKED -> MaterialDesignH.HELP_CIRCLE_OUTLINE;
        });
        Label keeps = new Label(mark.text(), icon);
        keeps.getStyleClass().add(switch (mark.state()) {
            case KEEPS -> ExportStyle.KEEPS_YES;
            case LOSES -> ExportStyle.KEEPS_NO;
            case REFERENCE, NOT_CHECKED -> ExportStyle.KEEPS_UNKNOWN;
        });
        javafx.scene.control.Tooltip.install(keeps, new javafx.scene.control.Tooltip(mark.sentence()));
        return keeps;
    }

    /** "24 mJ", "1.3 mJ", "0.012 mJ": two significant figures, the precision of the power figures. */
    static String energyText(double mj) {
        return new java.math.BigDecimal(mj).round(new java.math.MathContext(2)).stripTrailingZeros().toPlainString() + " mJ";
    }

    private static String latencyText(double ms) {
        return ms >= 10 ? String.format(Locale.ROOT, "%.0f ms", ms)
                : ms >= 1 ? String.format(Locale.ROOT, "%.1f ms", ms) : String.format(Locale.ROOT, "%.2f ms", ms);
    }

    // ---- actions ----

    private HBox actions() {
        Button measure = new Button("Measure accuracy", new FontIcon(MaterialDesignS.SPEEDOMETER));
        measure.setId("export-measure");
        measure.setOnAction(e -> model.measureAccuracy());
        Button export = new Button("Export", new FontIcon(MaterialDesignE.EXPORT_VARIANT));
        export.setId("export-run");
        export.getStyleClass().add(StudioStyle.PRIMARY_ACTION);
        export.setOnAction(e -> export());
        measure.disableProperty().bind(model.busyProperty().or(model.rowsProperty().emptyProperty()));
        export.disableProperty().bind(measure.disableProperty());
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(18, 18);
        spinner.visibleProperty().bind(model.busyProperty());
        spinner.managedProperty().bind(spinner.visibleProperty());
        Label status = new Label();
        status.setId("export-status");
        status.getStyleClass().add(ExportStyle.STATUS);
        status.textProperty().bind(model.statusProperty());
        Label error = new Label();
        error.setId("export-error");
        error.getStyleClass().add(ExportStyle.ERROR);
        error.setGraphic(new FontIcon(MaterialDesignA.ALERT_CIRCLE_OUTLINE));
        error.textProperty().bind(model.errorProperty());
        error.visibleProperty().bind(model.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        error.setWrapText(true);
        HBox row = new HBox(10, export, measure, spinner, status, error);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    /** Exports at the chosen row's precision, or auto with the largest drop typed (refused in one line when it is not a number). */
    public void export() {
        String word = precisions.getSelectedToggle() == null ? "int8" : (String) precisions.getSelectedToggle().getUserData();
        OptionalDouble drop = OptionalDouble.empty();
        if (AUTO.equals(word) && !maxDrop.getText().isBlank()) {
            try {
                drop = OptionalDouble.of(Double.parseDouble(maxDrop.getText().strip().replace(',', '.')));
            } catch (NumberFormatException e) {
                model.refuse("The largest drop is a number of points, such as 1.0; got \"" + maxDrop.getText().strip() + "\".");
                return;
            }
        }
        model.export(word, drop).exceptionally(t -> null);
    }

    // ---- report ----

    private void showReport(ExportReport r) {
        report.getChildren().clear();
        if (r == null) {
            return;
        }
        DeviceProfile d = model.deviceProperty().get();
        Label heading = new Label("Bundle" + (d == null ? "" : " for " + d.name()));
        heading.getStyleClass().add(StudioStyle.SECTION_TITLE);
        GridPane facts = new GridPane();
        facts.setHgap(16);
        facts.setVgap(6);
        int row = 0;
        for (ExportReport.Line line : r.lines()) {
            Label label = new Label(line.label());
            label.getStyleClass().add(ExportStyle.REPORT_LABEL);
            Label value = new Label(line.value());
            value.setWrapText(true);
            value.setId("report-" + line.label().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-"));
            if (line.label().equals("Parity")) {
                value.getStyleClass().add(r.parityPassed() ? ExportStyle.REPORT_PASSED : ExportStyle.REPORT_FAILED);
                value.setGraphic(new FontIcon(r.parityPassed() ? MaterialDesignC.CHECK_DECAGRAM : MaterialDesignA.ALERT_OCTAGON));
            } else {
                value.getStyleClass().add(ExportStyle.REPORT_VALUE);
            }
            facts.addRow(row++, label, value);
        }
        Button open = new Button("Open folder", new FontIcon(MaterialDesignF.FOLDER_OUTLINE));
        open.setId("export-open-folder");
        open.setOnAction(e -> files.openFolder(r.folder()));
        report.getChildren().setAll(heading, facts, open);
    }

    private static Label label(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(StudioStyle.SECTION_TITLE);
        return l;
    }

    private static Region spacer(double width) {
        Region r = new Region();
        r.setMinWidth(width);
        return r;
    }
}
