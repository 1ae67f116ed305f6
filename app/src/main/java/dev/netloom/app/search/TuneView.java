package dev.netloom.app.search;

import dev.netloom.app.session.RedrawThrottle;
import dev.netloom.app.studio.StudioStyle;
import dev.netloom.devices.DeviceProfile;
import dev.netloom.graph.search.Range;
import dev.netloom.graph.search.SearchSpace;
import dev.netloom.graph.search.SearchableParameter;
import dev.netloom.hpo.FrozenTrial;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The Tune view: on the left the searchable parameters and the study's settings (budget,
 * objectives, sampler, pruner) with Start, Stop, Resume and "Apply best trial"; on the right the
 * live trials table and the plots. All state lives in the {@link TuneViewModel}; this class only
 * binds, and redraws at most 20 times a second.
 */
public final class TuneView extends BorderPane {

    private static final String NO_SECOND = "accuracy only";

    private final TuneViewModel model;
    private final VBox parameters = new VBox(4);
    private final TextField studyName = new TextField();
    private final RadioButton byTrials = new RadioButton("Trials");
    private final RadioButton byTime = new RadioButton("Minutes");
    private final Spinner<Integer> trials = new Spinner<>(1, 10_000, 20);
    private final Spinner<Integer> minutes = new Spinner<>(1, 10_000, 30);
    private final Spinner<Integer> epochsPerTrial = new Spinner<>(1, 100_000, 10);
    private final Label budgetLine = new Label();
    private final ComboBox<String> secondObjective = new ComboBox<>();
    private final ComboBox<String> device = new ComboBox<>();
    private final ComboBox<String> sampler = new ComboBox<>();
    private final ComboBox<String> pruner = new ComboBox<>();
    private final TextField limits = new TextField();
    private final TableView<TrialRow> table = new TableView<>();
    private final HistoryPlot history = new HistoryPlot();
    private final IntermediatePlot intermediate = new IntermediatePlot();
    private final ImportancePlot importance = new ImportancePlot();
    private final ParallelCoordinatesPlot parallel = new ParallelCoordinatesPlot();
    private final SlicePlots slices = new SlicePlots();
    private final ParetoPlot pareto;
    private final RedrawThrottle throttle;
    private boolean selecting;

    /** A view bound to {@code model}; it adds its own stylesheet. */
    public TuneView(TuneViewModel model) {
        this.model = model;
        setId("tune-view");
        getStyleClass().add(PlotStyle.VIEW);
        getStylesheets().add(PlotStyle.STYLESHEET);
        pareto = new ParetoPlot(model.selectedTrialProperty());
        throttle = new RedrawThrottle(javafx.application.Platform::runLater, 20, this::redraw);

        setLeft(form());
        setCenter(results());
        model.searchProperty().addListener((o, old, now) -> showParameters(now));
        showParameters(model.searchProperty().get());
        model.progressProperty().addListener(o -> throttle.request());
        model.selectedTrialProperty().addListener((o, old, now) -> selectRow(now));
        redraw();
    }

    /** The view's state. */
    public TuneViewModel model() {
        return model;
    }

    /** The settings the form shows now; throws with the reason when they do not make a study. */
    public TuneSettings settings() {
        List<SearchObjective> objectives = new ArrayList<>(List.of(SearchObjective.ACCURACY));
        String second = secondObjective.getValue();
        if (second != null && !second.equals(NO_SECOND)) {
            objectives.add(SearchObjective.parse("accuracy," + second).get(1));
        }
        String s = sampler.getValue();
        return new TuneSettings(studyName.getText().strip(), byTrials.isSelected() ? trials.getValue() : 10_000,
                byTime.isSelected() ? java.time.Duration.ofMinutes(minutes.getValue()) : null, objectives,
                device.getValue(), s == null || s.startsWith("auto") ? null : s, pruner.getValue(), 42, limits(),
                epochsPerTrial.getValue());
    }

    /** The limits field: rules separated by semicolons. */
    private List<SearchConstraint> limits() {
        List<SearchConstraint> out = new ArrayList<>();
        for (String part : limits.getText().split(";")) {
            if (!part.isBlank()) {
                out.add(SearchConstraint.parse(part));
            }
        }
        return out;
    }

    /** Fills the form (tests and the screenshot set it as a person would). */
    public void setForm(String name, int trialCount, String second, String deviceId) {
        studyName.setText(name);
        byTrials.setSelected(true);
        trials.getValueFactory().setValue(trialCount);
        secondObjective.setValue(second == null ? NO_SECOND : second);
        if (deviceId != null) {
            device.setValue(deviceId);
        }
    }

    /** Sets the epochs each trial trains, as a user would in the form. */
    public void setEpochsPerTrial(int epochs) {
        epochsPerTrial.getValueFactory().setValue(epochs);
    }

    /** Fills the limits field (rules separated by ';'), as a user would type it. */
    public void setLimits(String rules) {
        limits.setText(rules);
    }

    /** What the budget is about to train, in words, or why the form does not make a study. */
    private String budgetText() {
        Integer e = epochsPerTrial.getValue();
        int epochs = e == null ? model.projectEpochsProperty().get() : e;
        return TuneSettings.budgetText(byTrials.isSelected() ? trials.getValue() : null, minutes.getValue(), epochs);
    }

    // ---- the form ----

    private ScrollPane form() {
        Label title = new Label("Tune");
        title.getStyleClass().add(StudioStyle.DATA_NAME);
        Label intro = new Label("Trains variants of the model with the searchable parameters changed, stops poor ones "
                + "early, and keeps every trial's model.");
        intro.setWrapText(true);
        intro.getStyleClass().add(StudioStyle.MUTED);
        parameters.setId("tune-parameters");

        studyName.setId("tune-study-name");
        ToggleGroup budget = new ToggleGroup();
        byTrials.setToggleGroup(budget);
        byTime.setToggleGroup(budget);
        byTrials.setSelected(true);
        trials.setId("tune-trials");
        trials.setEditable(true);
        minutes.setEditable(true);
        trials.disableProperty().bind(byTrials.selectedProperty().not());
        minutes.disableProperty().bind(byTime.selectedProperty().not());
        trials.setPrefWidth(110);
        minutes.setPrefWidth(110);
        epochsPerTrial.setId("tune-epochs");
        epochsPerTrial.setEditable(true);
        epochsPerTrial.setPrefWidth(110);
        epochsPerTrial.setTooltip(new javafx.scene.control.Tooltip("How many epochs each trial trains (netloom tune "
                + "--epochs); starts at the project's training epochs"));
        epochsPerTrial.getValueFactory().setValue(model.projectEpochsProperty().get());
        model.projectEpochsProperty().addListener((o, old, now) -> epochsPerTrial.getValueFactory().setValue(now.intValue()));
        budgetLine.setId("tune-budget");
        budgetLine.setWrapText(true);
        // A fixed width makes it wrap: left to its text's width it would widen the form past its edge.
        budgetLine.setPrefWidth(280);
        budgetLine.setMaxWidth(280);
        budgetLine.setMinHeight(Region.USE_PREF_SIZE);
        budgetLine.getStyleClass().add(StudioStyle.MUTED);
        budgetLine.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(this::budgetText,
                trials.valueProperty(), minutes.valueProperty(), epochsPerTrial.valueProperty(),
                byTrials.selectedProperty(), model.projectEpochsProperty()));

        secondObjective.setId("tune-second-objective");
        secondObjective.getItems().setAll(NO_SECOND, "parameters", "multiply-adds", "latency", "energy");
        secondObjective.setValue(NO_SECOND);
        device.setId("tune-device");
        device.getItems().setAll(model.devices().stream().map(DeviceProfile::id).toList());
        device.disableProperty().bind(secondObjective.valueProperty().isNotEqualTo("latency")
                .and(secondObjective.valueProperty().isNotEqualTo("energy")));
        device.setPromptText("device for latency");
        sampler.getItems().add("auto");
        sampler.setTooltip(new javafx.scene.control.Tooltip("auto: GP for up to 100 trials of mostly numeric "
                + "parameters, else TPE; for two objectives TPE, or NSGA-II from 250 trials"));
        sampler.getItems().addAll(SearchStrategies.SAMPLERS.stream().filter(n -> !n.equals("auto")).toList());
        sampler.getSelectionModel().selectFirst();
        limits.setId("tune-constraints");
        limits.setPromptText("e.g. latency<=20ms@raspberry-pi-5; parameters<=1M");
        limits.setTooltip(new javafx.scene.control.Tooltip("Limits every model must keep, separated by ';': "
                + "latency<=MSms@DEVICE, parameters<=N, multiply-adds<=N (K, M, G). Trials over a limit are not trained."));
        pruner.getItems().setAll(SearchStrategies.PRUNERS);
        pruner.getSelectionModel().selectFirst();
        for (ComboBox<String> c : List.of(secondObjective, device, sampler, pruner)) {
            c.setMaxWidth(Double.MAX_VALUE);
        }

        Button start = new Button("Start");
        start.setId("tune-start");
        start.getStyleClass().add(StudioStyle.PRIMARY_ACTION);
        start.setOnAction(e -> submit(false));
        Button stop = new Button("Stop");
        stop.setId("tune-stop");
        stop.setOnAction(e -> model.stop());
        Button resume = new Button("Resume");
        resume.setId("tune-resume");
        resume.setOnAction(e -> submit(true));
        start.disableProperty().bind(model.runningProperty());
        resume.disableProperty().bind(model.runningProperty());
        stop.disableProperty().bind(model.runningProperty().not());
        Button apply = new Button("Apply best trial");
        apply.setId("tune-apply");
        apply.setMaxWidth(Double.MAX_VALUE);
        apply.setOnAction(e -> model.applyBest());
        apply.disableProperty().bind(model.runningProperty());

        Label status = new Label();
        status.setId("tune-status");
        status.setWrapText(true);
        status.setMinHeight(Region.USE_PREF_SIZE);
        status.textProperty().bind(model.statusProperty());
        Label error = new Label();
        error.setId("tune-error");
        error.getStyleClass().add(StudioStyle.ERROR_LINE);
        error.setWrapText(true);
        error.setMinHeight(Region.USE_PREF_SIZE);
        error.textProperty().bind(model.errorProperty());
        error.visibleProperty().bind(model.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());

        GridPane settings = new GridPane();
        settings.setHgap(8);
        settings.setVgap(8);
        int row = 0;
        settings.addRow(row++, new Label("Study"), studyName);
        settings.addRow(row++, byTrials, trials);
        settings.addRow(row++, byTime, minutes);
        settings.addRow(row++, new Label("Epochs per trial"), epochsPerTrial);
        settings.add(budgetLine, 0, row++, 2, 1);
        settings.addRow(row++, new Label("Minimise"), secondObjective);
        settings.addRow(row++, new Label("Device"), device);
        settings.addRow(row++, new Label("Limits"), limits);
        settings.addRow(row++, new Label("Sampler"), sampler);
        settings.addRow(row, new Label("Pruner"), pruner);
        GridPane.setHgrow(studyName, Priority.ALWAYS);
        settings.getChildren().forEach(n -> {
            if (n instanceof Label || n instanceof RadioButton) {
                ((Region) n).setMinWidth(Region.USE_PREF_SIZE); // labels never shrink to "Tim…"
            }
        });

        HBox buttons = new HBox(8, start, stop, resume);
        VBox box = new VBox(12, title, intro, section("Searchable parameters"), parameters, section("Study"), settings,
                buttons, status, error, section("Result"), apply);
        box.setPadding(new Insets(20, 18, 20, 20));
        box.setPrefWidth(330);
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add(PlotStyle.FORM);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.setMinWidth(340);
        model.progressProperty().addListener((o, old, now) -> {
            if (!now.name().isEmpty() && !now.name().equals(old.name())) {
                studyName.setText(now.name()); // the study shown is the one Resume continues
            } else if (studyName.getText().isBlank()) {
                studyName.setText(model.suggestedName());
            }
        });
        return scroll;
    }

    private static Label section(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(StudioStyle.SECTION_TITLE);
        return l;
    }

    private void submit(boolean resume) {
        if (studyName.getText().isBlank()) {
            studyName.setText(model.suggestedName());
        }
        TuneSettings s;
        try {
            s = settings();
        } catch (IllegalArgumentException e) {
            model.refuseForm(e.getMessage());
            return;
        }
        if (resume) {
            model.resume(s);
        } else {
            model.start(s);
        }
    }

    private void showParameters(SearchSpace space) {
        parameters.getChildren().clear();
        if (space.isEmpty()) {
            Label none = new Label("Nothing is searchable yet. In the Design view, select a layer and switch on "
                    + "\"search\" beside a parameter.");
            none.setWrapText(true);
            none.getStyleClass().add(StudioStyle.MUTED);
            parameters.getChildren().add(none);
            return;
        }
        for (SearchableParameter p : space.parameters()) {
            Label name = new Label(TrialRow.shortName(p.target().text()));
            name.setStyle("-fx-font-weight: bold;");
            Label range = new Label(rangeText(p.range()));
            range.getStyleClass().add(StudioStyle.MUTED);
            Region gap = new Region();
            HBox.setHgrow(gap, Priority.ALWAYS);
            parameters.getChildren().add(new HBox(8, name, gap, range));
        }
        if (studyName.getText().isBlank()) {
            studyName.setText(model.suggestedName());
        }
    }

    /** A range as people read it: "16 – 64, log", "0.0005 – 0.01", "2, 3, 4". */
    static String rangeText(Range range) {
        if (range instanceof Range.IntRange r) {
            return r.low() + " – " + r.high() + (r.step() > 1 ? ", step " + r.step() : "") + (r.log() ? ", log" : "");
        }
        if (range instanceof Range.FloatRange r) {
            return TrialRow.number(r.low()) + " – " + TrialRow.number(r.high()) + (r.log() ? ", log" : "");
        }
        return String.join(", ", ((Range.Choices) range).values().stream().map(TrialRow::choice).toList());
    }

    // ---- results ----

    private ScrollPane results() {
        table.setId("tune-trials-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        table.getColumns().add(column("#", TrialRow::number, 40));
        table.getColumns().add(column("State", TrialRow::state, 90));
        table.getColumns().add(column("Parameters", TrialRow::parameters, 260));
        table.getColumns().add(column("Values", TrialRow::values, 150));
        table.getColumns().add(column("Duration", TrialRow::duration, 80));
        table.getColumns().add(column("Note", TrialRow::note, 160));
        table.setPlaceholder(new Label("No trials yet: start a study."));
        table.setPrefHeight(250);
        table.setMinHeight(150);
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(TrialRow item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeAll("pruned-row", "failed-row");
                if (!empty && item != null && item.state().equals("PRUNED")) {
                    getStyleClass().add("pruned-row");
                } else if (!empty && item != null && item.state().equals("FAIL")) {
                    getStyleClass().add("failed-row");
                }
            }
        });
        table.getSelectionModel().selectedItemProperty().addListener((o, old, row) -> {
            if (!selecting) {
                model.selectedTrialProperty().set(row == null ? null : row.number());
            }
        });

        GridPane plots = new GridPane();
        plots.setHgap(10);
        plots.setVgap(10);
        plots.add(history.node(), 0, 0);
        plots.add(intermediate.node(), 1, 0);
        plots.add(importance.node(), 2, 0);
        plots.add(parallel.node(), 0, 1);
        plots.add(slices.node(), 1, 1);
        plots.add(pareto.node(), 2, 1);
        for (int i = 0; i < 3; i++) {
            var c = new javafx.scene.layout.ColumnConstraints();
            c.setPercentWidth(100.0 / 3);
            plots.getColumnConstraints().add(c);
        }
        VBox box = new VBox(10, table, plots);
        box.setPadding(new Insets(16));
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        return scroll;
    }

    private static <T> TableColumn<TrialRow, T> column(String title, Function<TrialRow, T> value, double width) {
        TableColumn<TrialRow, T> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(value.apply(d.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    private void redraw() {
        StudyProgress p = model.progressProperty().get();
        Instant now = Instant.now();
        selecting = true;
        try {
            table.getItems().setAll(p.trials().stream().map(t -> TrialRow.of(t, p.objectives(), now)).toList());
        } finally {
            selecting = false;
        }
        selectRow(model.selectedTrialProperty().get());
        history.show(p.history());
        intermediate.show(p.intermediate());
        importance.show(p.importance());
        List<FrozenTrial> complete = p.complete();
        parallel.show(p.parallel(), complete);
        slices.show(p.slices());
        pareto.show(p);
        pareto.node().setVisible(p.pareto() != null);
        pareto.node().setManaged(p.pareto() != null);
    }

    /** Shows the chosen trial (from the Pareto plot) as the table's selected row. */
    private void selectRow(Integer number) {
        selecting = true;
        try {
            table.getItems().stream().filter(r -> number != null && r.number() == number).findFirst()
                    .ifPresentOrElse(r -> {
                        table.getSelectionModel().select(r);
                        table.scrollTo(r);
                    }, () -> table.getSelectionModel().clearSelection());
        } finally {
            selecting = false;
        }
    }

    /** How many points the history plot shows (tests). */
    public int historyPoints() {
        return history.points();
    }

    /** The rows the trials table shows (tests). */
    public List<TrialRow> rows() {
        return List.copyOf(table.getItems());
    }
}
