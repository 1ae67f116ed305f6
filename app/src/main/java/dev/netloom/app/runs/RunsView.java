package dev.netloom.app.runs;

import dev.netloom.app.charts.EmptyCharts;
import dev.netloom.app.studio.StudioStyle;
import dev.netloom.app.workspace.BundleRecord;
import dev.netloom.app.workspace.EpochRecord;
import dev.netloom.app.workspace.ModelVersion;
import dev.netloom.app.workspace.RunRecord;
import dev.netloom.app.workspace.StudyRecord;
import dev.netloom.graph.Units;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The Runs view: every run and study of the project from the workspace, sortable and filtered;
 * one run's curves, the bundles exported from it, and registering its model as a named version;
 * two runs compared side by side (settings that differ, curves overlaid, results). All state is in
 * the {@link RunsViewModel}; this class only lays out and binds.
 */
public final class RunsView extends VBox {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    private final RunsViewModel model;
    private final TableView<RunRecord> table = new TableView<>();
    private final LineChart<Number, Number> runCurves = chart("accuracy");
    private final LineChart<Number, Number> compareAccuracy = chart("validation accuracy");
    private final LineChart<Number, Number> compareLoss = chart("validation loss");
    private final TableView<SettingDifference> settings = new TableView<>();
    private final TableView<String[]> results = new TableView<>();
    private final Label comparisonTitle = new Label("Select two runs and press Compare.");
    private final TabPane tabs = new TabPane();
    private final Tab compareTab = new Tab("Compare");
    private final Tab tryTab = new Tab("Try it");
    private final TryItViewModel tryIt;
    private final TryItPane tryPane;
    private final AdaptPane adaptPane;
    private final Label origin = new Label();

    /**
     * @param tryIt the "Try it" tab's state: the selected run's model answering a picture, a text or a row
     * @param pictures the picture chooser of the "Try it" tab
     */
    public RunsView(RunsViewModel model, TryItViewModel tryIt, PictureFiles pictures) {
        this(model, tryIt, pictures, null);
    }

    /** @param adapt the "Adapt" tab ("Adapt this model" on a finished run), or null for none */
    public RunsView(RunsViewModel model, TryItViewModel tryIt, PictureFiles pictures, AdaptPane adapt) {
        super(10);
        this.adaptPane = adapt;
        this.model = model;
        this.tryIt = tryIt;
        setPadding(new Insets(16, 20, 16, 20));
        getStyleClass().add("runs-view");

        Label title = new Label("Runs");
        title.getStyleClass().add(StudioStyle.DATA_NAME);
        TextField filter = new TextField();
        filter.setId("runs-filter");
        filter.setPromptText("Filter: name, status, dataset…");
        filter.textProperty().bindBidirectional(model.filterProperty());
        filter.setPrefColumnCount(24);
        Button refresh = new Button("Refresh");
        refresh.setId("runs-refresh");
        refresh.setOnAction(e -> model.refresh());
        Button compare = new Button("Compare selected");
        compare.setId("runs-compare");
        compare.disableProperty().bind(Bindings.size(table.getSelectionModel().getSelectedItems()).isNotEqualTo(2));
        compare.setOnAction(e -> {
            List<RunRecord> two = List.copyOf(table.getSelectionModel().getSelectedItems());
            model.compare(two.get(0), two.get(1));
            tabs.getSelectionModel().select(compareTab);
        });
        Label message = new Label();
        message.setId("runs-message");
        message.getStyleClass().add(StudioStyle.MUTED);
        message.textProperty().bind(model.messageProperty());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox header = new HBox(10, title, grow, filter, refresh, compare);
        header.setAlignment(Pos.CENTER_LEFT);

        buildTable();
        tabs.setId("runs-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        compareTab.setContent(comparePane());
        tryPane = new TryItPane(tryIt, pictures);
        // A small window scrolls the panel rather than cutting off Predict or the answer.
        javafx.scene.control.ScrollPane tryScroll = new javafx.scene.control.ScrollPane(tryPane);
        tryScroll.setFitToWidth(true);
        tryTab.setContent(tryScroll);
        tabs.getTabs().addAll(new Tab("Run", runPane()), compareTab, tryTab, new Tab("Model registry", registryPane()),
                new Tab("Studies", studiesPane()));
        if (adapt != null) {
            Tab adaptTab = new Tab("Adapt", new javafx.scene.control.ScrollPane(adapt));
            adaptTab.setId("runs-adapt-tab");
            tabs.getTabs().add(3, adaptTab);
        }
        // The model is opened when the tab is shown, not on every click in the table: it holds native memory.
        tryTab.selectedProperty().addListener((o, was, now) -> tryTheSelectedRun());
        SplitPane split = new SplitPane(table, tabs);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.38);
        VBox.setVgrow(split, Priority.ALWAYS);
        getChildren().addAll(header, message, split);

        model.comparisonProperty().addListener((o, was, now) -> showComparison(now));
        table.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null) {
                model.select(now);
            }
            origin.setText(now == null ? "" : RunOrigin.describe(now.settings()));
            if (adaptPane != null) {
                adaptPane.show(now);
            }
            tryTheSelectedRun();
        });
        model.epochs().addListener((ListChangeListener<EpochRecord>) c -> showRunCurves());
    }

    private void tryTheSelectedRun() {
        if (!tryTab.isSelected()) {
            return;
        }
        RunRecord run = table.getSelectionModel().getSelectedItem();
        if (run == null) {
            tryIt.clear("Select a finished run to try its model.");
        } else if (run.artifactPath().isEmpty()) {
            tryIt.clear(run.name() + " has no model to try (" + run.status().name().toLowerCase(Locale.ROOT) + ").");
        } else {
            tryIt.load(Path.of(run.artifactPath().get()), run.name());
        }
    }

    /** The "Try it" tab's pane. */
    public TryItPane tryIt() {
        return tryPane;
    }

    /** Closes the model the "Try it" tab holds open. */
    public void dispose() {
        tryIt.dispose();
    }

    /** Reloads from the workspace. */
    public void refresh() {
        model.refresh();
    }

    private void buildTable() {
        table.setId("runs-table");
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setPlaceholder(new Label("No runs yet: train the model in the Train view (or with netloom train)."));
        SortedList<RunRecord> sorted = new SortedList<>(model.runs());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.getColumns().add(text("Run", RunRecord::name, 150));
        table.getColumns().add(text("Status", r -> r.status().name().toLowerCase(Locale.ROOT), 90));
        TableColumn<RunRecord, java.time.Instant> started = new TableColumn<>("Started");
        started.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().started()));
        started.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(java.time.Instant item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : WHEN.format(item));
            }
        });
        started.setPrefWidth(110);
        table.getColumns().add(started);
        table.getColumns().add(text("Duration", RunsView::duration, 80));
        table.getColumns().add(text("Dataset", RunRecord::dataset, 130));
        table.getColumns().add(number("Best validation", r -> nan(r.bestValidationAccuracy())));
        table.getColumns().add(number("Test accuracy", r -> nan(r.testAccuracy())));
        table.getColumns().add(text("Study", r -> r.study() == null ? "" : r.study() + " #" + r.trial(), 120));
        table.getColumns().add(text("Model folder", r -> r.artifact() == null ? "" : r.artifact(), 320));
    }

    private VBox runPane() {
        ListView<BundleRecord> bundles = new ListView<>(model.bundles());
        bundles.setId("runs-bundles");
        bundles.setPlaceholder(new Label("No bundle exported from this run's model yet."));
        bundles.setCellFactory(l -> new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(BundleRecord b, boolean empty) {
                super.updateItem(b, empty);
                setText(empty || b == null ? null : b.device() + " · " + b.precision().toUpperCase(Locale.ROOT) + " · "
                        + Units.bytes(b.bytes()) + (b.accuracy() == null ? "" : String.format(Locale.ROOT, " · %.2f%%",
                        b.accuracy() * 100)) + " · " + b.bundle());
            }
        });
        bundles.setPrefHeight(90);
        TextField name = new TextField();
        name.setId("runs-register-name");
        name.setPromptText("model name, e.g. fashion-classifier");
        TextField note = new TextField();
        note.setId("runs-register-note");
        note.setPromptText("a note (optional)");
        Button register = new Button("Register model");
        register.setId("runs-register");
        register.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull()
                .or(name.textProperty().isEmpty()));
        register.setOnAction(e -> model.register(table.getSelectionModel().getSelectedItem(), name.getText(),
                note.getText()));
        HBox form = new HBox(8, name, note, register);
        form.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(note, Priority.ALWAYS);
        Label bundlesTitle = new Label("Bundles exported from this model");
        bundlesTitle.getStyleClass().add(StudioStyle.SECTION_TITLE);
        origin.setId("runs-origin");
        origin.getStyleClass().add(StudioStyle.MUTED);
        origin.setWrapText(true);
        origin.visibleProperty().bind(origin.textProperty().isNotEmpty());
        origin.managedProperty().bind(origin.visibleProperty());
        VBox pane = new VBox(8, origin, runCurves, bundlesTitle, bundles, form);
        VBox.setVgrow(runCurves, Priority.ALWAYS);
        pane.setPadding(new Insets(8));
        return pane;
    }

    private VBox comparePane() {
        settings.setId("runs-settings-diff");
        settings.getColumns().add(cell("What", SettingDifference::key, 200));
        settings.getColumns().add(cell("First run", SettingDifference::first, 140));
        settings.getColumns().add(cell("Second run", SettingDifference::second, 140));
        settings.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        settings.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(SettingDifference d, boolean empty) {
                super.updateItem(d, empty);
                getStyleClass().remove("differs");
                if (!empty && d != null && d.differs()) {
                    getStyleClass().add("differs");
                }
            }
        });
        settings.setPlaceholder(new Label("No settings recorded."));
        results.setId("runs-results");
        results.getColumns().add(cell("Result", r -> r[0], 150));
        results.getColumns().add(cell("First run", r -> r[1], 120));
        results.getColumns().add(cell("Second run", r -> r[2], 120));
        results.setPrefHeight(150);
        VBox left = new VBox(6, sectionTitle("Differences first: training, data, graph"), settings, sectionTitle("Results"),
                results);
        VBox.setVgrow(settings, Priority.ALWAYS);
        left.setPrefWidth(480);
        // On a narrow window the differences keep their room; the charts give theirs up first.
        left.setMinWidth(380);
        compareAccuracy.setMinWidth(160);
        compareLoss.setMinWidth(160);
        HBox charts = new HBox(8, compareAccuracy, compareLoss);
        HBox.setHgrow(compareAccuracy, Priority.ALWAYS);
        HBox.setHgrow(compareLoss, Priority.ALWAYS);
        HBox body = new HBox(12, left, charts);
        HBox.setHgrow(charts, Priority.ALWAYS);
        VBox pane = new VBox(6, comparisonTitle, body);
        VBox.setVgrow(body, Priority.ALWAYS);
        comparisonTitle.setId("runs-comparison-title");
        pane.setPadding(new Insets(8));
        return pane;
    }

    private VBox registryPane() {
        TableView<ModelVersion> versions = new TableView<>(model.versions());
        versions.setId("runs-registry");
        versions.getColumns().add(cell("Model", ModelVersion::name, 180));
        versions.getColumns().add(cell("Version", v -> String.valueOf(v.version()), 70));
        versions.getColumns().add(cell("Registered", v -> WHEN.format(v.created()), 110));
        versions.getColumns().add(cell("Note", ModelVersion::note, 220));
        versions.getColumns().add(cell("Model folder", ModelVersion::artifact, 380));
        versions.setPlaceholder(new Label("No registered models: select a finished run, name it, and press Register model."));
        VBox pane = new VBox(versions);
        VBox.setVgrow(versions, Priority.ALWAYS);
        pane.setPadding(new Insets(8));
        return pane;
    }

    private VBox studiesPane() {
        TableView<StudyRecord> studies = new TableView<>(model.studies());
        studies.setId("runs-studies");
        studies.getColumns().add(cell("Study", StudyRecord::name, 180));
        studies.getColumns().add(cell("Objectives", StudyRecord::objectives, 160));
        studies.getColumns().add(cell("Started", s -> WHEN.format(s.created()), 110));
        studies.getColumns().add(cell("Storage", StudyRecord::storage, 320));
        studies.getColumns().add(cell("Trial models", StudyRecord::outDir, 260));
        studies.setPlaceholder(new Label("No searches yet: the Tune view (or netloom tune) starts one."));
        VBox pane = new VBox(studies);
        VBox.setVgrow(studies, Priority.ALWAYS);
        pane.setPadding(new Insets(8));
        return pane;
    }

    private void showRunCurves() {
        runCurves.getData().setAll(
                series("training accuracy", model.epochs(), EpochRecord::trainAccuracy),
                series("validation accuracy", model.epochs(), EpochRecord::validationAccuracy));
    }

    private void showComparison(RunComparison c) {
        if (c == null) {
            return;
        }
        comparisonTitle.setText(c.first().name() + "  vs  " + c.second().name() + ": " + c.diff().summary());
        // Differences first: they are what a person compares two runs for.
        settings.getItems().setAll(c.rows());
        compareAccuracy.getData().setAll(series(c.first().name(), c.firstEpochs(), EpochRecord::validationAccuracy),
                series(c.second().name(), c.secondEpochs(), EpochRecord::validationAccuracy));
        compareLoss.getData().setAll(series(c.first().name(), c.firstEpochs(), EpochRecord::validationLoss),
                series(c.second().name(), c.secondEpochs(), EpochRecord::validationLoss));
        results.getItems().setAll(
                new String[] {"Status", c.first().status().name().toLowerCase(Locale.ROOT),
                        c.second().status().name().toLowerCase(Locale.ROOT)},
                new String[] {"Test accuracy", percent(c.first().testAccuracy()), percent(c.second().testAccuracy())},
                new String[] {"Best validation", percent(c.first().bestValidationAccuracy()),
                        percent(c.second().bestValidationAccuracy())},
                new String[] {"Epochs", String.valueOf(c.firstEpochs().size()), String.valueOf(c.secondEpochs().size())},
                new String[] {"Duration", duration(c.first()), duration(c.second())},
                new String[] {"Dataset", c.first().dataset(), c.second().dataset()});
    }

    private static XYChart.Series<Number, Number> series(String name, List<EpochRecord> epochs,
                                                        ToDoubleFunction<EpochRecord> value) {
        XYChart.Series<Number, Number> s = new XYChart.Series<>();
        s.setName(name);
        for (EpochRecord e : epochs) {
            s.getData().add(new XYChart.Data<>(e.epoch(), value.applyAsDouble(e)));
        }
        return s;
    }

    private static LineChart<Number, Number> chart(String yLabel) {
        NumberAxis x = new NumberAxis();
        x.setLabel("epoch");
        x.setForceZeroInRange(false);
        NumberAxis y = new NumberAxis();
        y.setLabel(yLabel);
        y.setForceZeroInRange(false);
        LineChart<Number, Number> chart = new LineChart<>(x, y);
        chart.setAnimated(false);
        chart.setCreateSymbols(true);
        chart.setMinHeight(180);
        EmptyCharts.keepAxesSensible(chart, 10, 1);
        return chart;
    }

    private static Label sectionTitle(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(StudioStyle.SECTION_TITLE);
        return l;
    }

    private static TableColumn<RunRecord, String> text(String title, Function<RunRecord, String> value, double width) {
        TableColumn<RunRecord, String> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(value.apply(d.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    private static TableColumn<RunRecord, Double> number(String title, Function<RunRecord, Double> value) {
        TableColumn<RunRecord, Double> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(value.apply(d.getValue())));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(Double item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null || item.isNaN() ? null : String.format(Locale.ROOT, "%.2f%%", item * 100));
            }
        });
        c.setPrefWidth(110);
        return c;
    }

    private static <T> TableColumn<T, String> cell(String title, Function<T, String> value, double width) {
        TableColumn<T, String> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(value.apply(d.getValue())));
        c.setPrefWidth(width);
        // A value longer than its column ("Shapes QA (seed 42, 4000 examples)") is whole in the tooltip.
        c.setCellFactory(col -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                setTooltip(empty || item == null || item.isEmpty() ? null : new javafx.scene.control.Tooltip(item));
            }
        });
        return c;
    }

    private static Double nan(Double d) {
        return d == null ? Double.NaN : d;
    }

    private static String percent(Double d) {
        return d == null ? "—" : String.format(Locale.ROOT, "%.2f%%", d * 100);
    }

    static String duration(RunRecord r) {
        if (r.ended() == null) {
            return r.status() == dev.netloom.app.workspace.RunStatus.RUNNING ? "running" : "";
        }
        Duration d = Duration.between(r.started(), r.ended());
        return d.toMinutes() > 0 ? d.toMinutes() + " min " + d.toSecondsPart() + " s" : d.toSeconds() + " s";
    }
}
