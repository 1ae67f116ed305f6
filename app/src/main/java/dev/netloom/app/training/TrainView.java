package dev.netloom.app.training;

import dev.netloom.app.studio.StudioStyle;
import dev.netloom.train.Evaluation;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TextFormatter;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Train view: Start, Pause, Stop and Resume with the run's basics (epochs, batch size,
 * learning rate, threads); a progress bar with step, epoch, throughput and time left; live loss
 * and accuracy charts (and, for Mixture-of-Experts models, how often each expert is chosen); at
 * the end the test scores, the confusion matrix (click a cell for its examples) and the scores per
 * class. All state lives in the {@link TrainViewModel}; this class only binds.
 */
public final class TrainView extends StackPane {

    private final TrainViewModel model;
    private final CurveChart loss = new CurveChart("Loss", "loss", 1, Double.NaN);
    private final CurveChart accuracy = new CurveChart("Accuracy", "accuracy %", 100, 100);
    private final BarChart<String, Number> experts = new BarChart<>(new CategoryAxis(), new NumberAxis(0, 100, 20));
    private final ConfusionGrid confusion = new ConfusionGrid();
    private final MistakeTiles mistakes = new MistakeTiles();
    private final TableView<Evaluation.ClassScore> perClass = new TableView<>();
    private final FlowPane metrics = new FlowPane(20, 8);
    private final VBox results;
    // Held here: bidirectional bindings to asObject() wrappers are weak on the wrapper's side.
    private final ObjectProperty<Integer> epochsValue;
    private final ObjectProperty<Integer> batchValue;
    private final ObjectProperty<Integer> threadsValue;
    private final ObjectProperty<Double> rateValue;
    private final ObjectProperty<Integer> shiftValue;

    public TrainView(TrainViewModel model) {
        this(model, java.util.Optional::empty);
    }

    /** @param chooseTeacher asks for a teacher's model folder (a chooser in the studio, scripted in tests) */
    public TrainView(TrainViewModel model, java.util.function.Supplier<java.util.Optional<java.nio.file.Path>> chooseTeacher) {
        this.model = model;
        getStyleClass().add(TrainStyle.VIEW);
        getStylesheets().add(TrainStyle.STYLESHEET);
        epochsValue = model.epochsProperty().asObject();
        batchValue = model.batchSizeProperty().asObject();
        threadsValue = model.threadsProperty().asObject();
        rateValue = model.learningRateProperty().asObject();
        shiftValue = model.form().maxShiftProperty().asObject();

        VBox controls = new VBox(10, buttonsAndBasics(), TeacherPicker.row(model, chooseTeacher), statusLines(),
                progress());
        controls.getChildren().add(1, settingsRow());
        controls.getStyleClass().add(TrainStyle.CARD);

        loss.setId("train-loss-chart");
        accuracy.setId("train-accuracy-chart");
        experts.setId("train-experts-chart");
        experts.setTitle("Tokens per expert (last epoch)");
        experts.setAnimated(false);
        ((NumberAxis) experts.getYAxis()).setLabel("% of tokens");
        experts.setPrefHeight(232);
        experts.setMinWidth(300);
        VBox accuracyCard = card(accuracy);
        accuracyCard.getChildren().add(TeacherPicker.accuracyLine(model));
        HBox charts = new HBox(14, card(loss), accuracyCard, card(experts));
        charts.getChildren().forEach(c -> HBox.setHgrow(c, Priority.ALWAYS));
        Node expertsCard = charts.getChildren().get(2);
        expertsCard.visibleProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> !model.expertsProperty().get().isEmpty(), model.expertsProperty()));
        expertsCard.managedProperty().bind(expertsCard.visibleProperty());

        results = results();
        results.visibleProperty().bind(model.reportProperty().isNotNull());
        results.managedProperty().bind(results.visibleProperty());

        VBox page = new VBox(14, controls, charts, results);
        page.setPadding(new Insets(18, 22, 18, 22));
        ScrollPane scroll = new ScrollPane(page);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("edge-to-edge");
        getChildren().add(scroll);

        model.curvesProperty().addListener((obs, old, c) -> showCurves(c));
        model.expertsProperty().addListener((obs, old, e) -> showExperts(e));
        model.reportProperty().addListener((obs, old, r) -> showReport(r));
        showCurves(model.curvesProperty().get());
        showReport(model.reportProperty().get());
    }

    public TrainViewModel model() {
        return model;
    }

    private HBox buttonsAndBasics() {
        Button start = button("Start", MaterialDesignP.PLAY, "train-start", model::start);
        start.getStyleClass().add(StudioStyle.PRIMARY_ACTION);
        Button pause = button("Pause", MaterialDesignP.PAUSE, "train-pause", model::pause);
        Button stop = button("Stop", MaterialDesignS.STOP, "train-stop", model::stop);
        Button resume = button("Resume", MaterialDesignP.PLAY_PAUSE, "train-resume", model::resume);
        var busy = javafx.beans.binding.Bindings.createBooleanBinding(() -> model.stateProperty().get().busy(),
                model.stateProperty());
        var stoppable = javafx.beans.binding.Bindings.createBooleanBinding(() -> {
            TrainState s = model.stateProperty().get();
            return s == TrainState.PREPARING || s == TrainState.RUNNING;
        }, model.stateProperty());
        start.disableProperty().bind(busy);
        pause.disableProperty().bind(stoppable.not());
        stop.disableProperty().bind(stoppable.not());
        resume.disableProperty().bind(busy.or(model.canResumeProperty().not()));

        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox row = new HBox(8, start, pause, stop, resume, gap);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    /**
     * The project's training settings, in one place and saved with the project: a flow of fields
     * that wraps on a narrow window instead of running off its edge.
     */
    private VBox settingsRow() {
        var busy = javafx.beans.binding.Bindings.createBooleanBinding(() -> model.stateProperty().get().busy(),
                model.stateProperty());
        TrainingForm form = model.form();
        Spinner<Integer> epochs = spinner("train-epochs", 1, 100_000, epochsValue);
        Spinner<Integer> batch = spinner("train-batch", 1, 65_536, batchValue);
        Spinner<Integer> threads = spinner("train-threads", 0, 256, threadsValue); // 0: chosen by model size (ThreadChoice)
        Spinner<Integer> shift = spinner("train-shift", 0, 64, shiftValue);
        TextField rate = new TextField();
        rate.setId("train-rate");
        rate.setPrefColumnCount(7);
        TextFormatter<Double> rateFormat = new TextFormatter<>(new RateText(), rateValue.get());
        rate.setTextFormatter(rateFormat);
        rateFormat.valueProperty().bindBidirectional(rateValue);
        javafx.scene.control.ComboBox<String> optimizer = new javafx.scene.control.ComboBox<>(
                javafx.collections.FXCollections.observableArrayList(dev.netloom.train.TrainingSettings.OPTIMIZERS));
        optimizer.setId("train-optimizer");
        optimizer.valueProperty().bindBidirectional(form.optimizerProperty());
        javafx.scene.control.ComboBox<String> schedule = new javafx.scene.control.ComboBox<>(
                javafx.collections.FXCollections.observableArrayList(dev.netloom.train.TrainingSettings.SCHEDULES));
        schedule.setId("train-schedule");
        schedule.valueProperty().bindBidirectional(form.scheduleProperty());
        javafx.scene.control.CheckBox flip = new javafx.scene.control.CheckBox("Flip pictures");
        flip.setId("train-flip");
        flip.selectedProperty().bindBidirectional(form.horizontalFlipProperty());
        flip.setTooltip(new javafx.scene.control.Tooltip("training.augmentation.horizontalFlip: mirror training "
                + "pictures left to right at random"));
        shift.setTooltip(new javafx.scene.control.Tooltip("training.augmentation.maxShift: move training pictures "
                + "by up to this many pixels at random"));
        FlowPane fields = new FlowPane(10, 8, field("Epochs", epochs), field("Batch size", batch),
                field("Learning rate", rate), field("Optimizer", optimizer), field("Schedule", schedule),
                field("Shift (px)", shift), field("Augmentation", flip), field("Threads (0 = auto)", threads));
        fields.setAlignment(Pos.CENTER_LEFT);
        fields.getStyleClass().add(TrainStyle.BASICS);
        fields.disableProperty().bind(busy);
        Label problem = new Label();
        problem.setId("train-settings-problem");
        problem.getStyleClass().add(StudioStyle.ERROR_LINE);
        problem.setWrapText(true);
        problem.textProperty().bind(form.problemProperty());
        problem.visibleProperty().bind(form.problemProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());
        Label title = new Label("Training settings — saved with the project (its training section)");
        title.getStyleClass().add(StudioStyle.MUTED);
        return new VBox(6, title, fields, problem, trainForRow(busy));
    }

    /** "Train for": full precision or quantization-aware training for INT8, INT4, 2-bit or 1-bit, with what it does. */
    private HBox trainForRow(javafx.beans.binding.BooleanBinding busy) {
        TrainingForm form = model.form();
        javafx.scene.control.ComboBox<dev.netloom.graph.Precision> trainFor = new javafx.scene.control.ComboBox<>(
                javafx.collections.FXCollections.observableArrayList(QuantizeChoice.CHOICES));
        trainFor.setId("train-for");
        trainFor.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(dev.netloom.graph.Precision p) {
                return p == null ? "" : QuantizeChoice.label(p);
            }

            @Override
            public dev.netloom.graph.Precision fromString(String s) {
                return QuantizeChoice.CHOICES.stream().filter(p -> QuantizeChoice.label(p).equals(s)).findFirst().orElse(null);
            }
        });
        trainFor.valueProperty().bindBidirectional(form.trainForProperty());
        trainFor.disableProperty().bind(busy);
        trainFor.setPrefWidth(200);
        trainFor.setMinWidth(Region.USE_PREF_SIZE); // the line beside it wraps; the choice never shrinks
        Label what = new Label();
        what.setId("train-for-line");
        what.getStyleClass().add(StudioStyle.MUTED);
        what.setWrapText(true);
        what.textProperty().bind(form.trainForLineProperty());
        HBox.setHgrow(what, Priority.ALWAYS);
        what.setMaxWidth(Double.MAX_VALUE);
        VBox choice = field("Train for", trainFor);
        choice.setMinWidth(Region.USE_PREF_SIZE);
        what.setMinWidth(120);
        HBox row = new HBox(10, choice, what);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    private VBox statusLines() {
        Label status = new Label();
        status.setId("train-status");
        status.getStyleClass().add(TrainStyle.STATUS);
        status.setWrapText(true);
        status.textProperty().bind(model.statusProperty());
        status.visibleProperty().bind(model.statusProperty().isNotEmpty());
        status.managedProperty().bind(status.visibleProperty());
        Label error = new Label();
        error.setId("train-error");
        error.getStyleClass().add(StudioStyle.ERROR_LINE);
        error.setWrapText(true);
        error.setMinHeight(Region.USE_PREF_SIZE);
        error.setGraphic(new FontIcon(MaterialDesignA.ALERT_CIRCLE_OUTLINE));
        error.textProperty().bind(model.errorProperty());
        error.visibleProperty().bind(model.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        // A recovered divergence stays visible: the run slowed down, and the person should know why.
        Label recovered = new Label();
        recovered.setId("train-recovery");
        recovered.getStyleClass().add(StudioStyle.MUTED);
        recovered.setWrapText(true);
        recovered.setMinHeight(Region.USE_PREF_SIZE);
        recovered.setGraphic(new FontIcon(MaterialDesignA.ALERT_CIRCLE_OUTLINE));
        recovered.textProperty().bind(model.recoveryProperty());
        recovered.visibleProperty().bind(model.recoveryProperty().isNotEmpty());
        recovered.managedProperty().bind(recovered.visibleProperty());
        Label hint = new Label("Trains the open project's model on its data (set in the Data view) with its training "
                + "settings; each run is recorded in the workspace and saved next to the project.");
        hint.getStyleClass().add(StudioStyle.MUTED);
        hint.setWrapText(true);
        hint.visibleProperty().bind(model.stateProperty().isEqualTo(TrainState.IDLE));
        hint.managedProperty().bind(hint.visibleProperty());
        return new VBox(6, status, recovered, error, hint);
    }

    private VBox progress() {
        ProgressBar bar = new ProgressBar(0);
        bar.setId("train-progress");
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.progressProperty().bind(javafx.beans.binding.Bindings.createDoubleBinding(() ->
                model.stateProperty().get() == TrainState.PREPARING ? ProgressBar.INDETERMINATE_PROGRESS
                        : model.progressProperty().get().fraction(), model.progressProperty(), model.stateProperty()));
        Label line = new Label();
        line.setId("train-progress-line");
        line.getStyleClass().add(TrainStyle.PROGRESS_LINE);
        line.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> model.progressProperty().get().line(), model.progressProperty()));
        return new VBox(4, bar, line);
    }

    private VBox results() {
        metrics.setId("train-metrics");
        metrics.setAlignment(Pos.CENTER_LEFT);
        Label testTitle = new Label("Test split");
        testTitle.getStyleClass().add(StudioStyle.SECTION_TITLE);

        Label matrixTitle = new Label("Confusion matrix (test split)");
        matrixTitle.getStyleClass().add(StudioStyle.SECTION_TITLE);
        confusion.setOnCell(this::showCell);
        VBox matrixCard = card(new VBox(8, matrixTitle, confusion));
        matrixCard.setMinWidth(Region.USE_PREF_SIZE);

        perClass.setId("train-classes");
        perClass.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        perClass.getColumns().add(column("Class", s -> s.name(), false));
        perClass.getColumns().add(column("Precision", s -> percent(s.precision()), true));
        perClass.getColumns().add(column("Recall", s -> percent(s.recall()), true));
        perClass.getColumns().add(column("F1", s -> percent(s.f1()), true));
        perClass.getColumns().add(column("Examples", s -> Long.toString(s.support()), true));
        perClass.setPrefHeight(240);
        perClass.setMinWidth(470);
        VBox.setVgrow(perClass, Priority.ALWAYS); // as tall as the matrix beside it
        VBox scoresCard = card(new VBox(10, testTitle, metrics, perClass));
        scoresCard.setMinWidth(Region.USE_PREF_SIZE);

        VBox mistakesCard = card(mistakes);
        HBox.setHgrow(mistakesCard, Priority.ALWAYS);
        mistakesCard.setMinWidth(240);
        HBox row = new HBox(14, matrixCard, scoresCard, mistakesCard);
        return new VBox(row);
    }

    private void showCurves(Curves c) {
        loss.show(c.trainingLoss(), c.validationLoss());
        accuracy.show(c.trainingAccuracy(), c.validationAccuracy());
    }

    private void showExperts(Map<String, double[]> shares) {
        experts.getData().clear();
        new TreeMap<>(shares).forEach((node, s) -> {
            XYChart.Series<String, Number> series = new XYChart.Series<>();
            series.setName(node);
            for (int i = 0; i < s.length; i++) {
                series.getData().add(new XYChart.Data<>("expert " + (i + 1), s[i] * 100));
            }
            experts.getData().add(series);
        });
        experts.setLegendVisible(shares.size() > 1);
    }

    private void showReport(TestReport r) {
        mistakes.clear();
        if (r == null) {
            confusion.show(null, List.of());
            perClass.getItems().clear();
            metrics.getChildren().clear();
            return;
        }
        Evaluation e = r.evaluation();
        metrics.getChildren().setAll(metric("accuracy", percent(e.accuracy())),
                metric("top-" + e.topK() + " accuracy", percent(e.topKAccuracy())),
                metric("macro F1", percent(e.macroF1())),
                metric("loss", String.format(Locale.ROOT, "%.3f", e.loss())),
                metric("examples", String.format(Locale.ROOT, "%,d", e.examples())));
        confusion.show(e.confusion(), r.classes());
        perClass.setItems(FXCollections.observableArrayList(e.perClass()));
    }

    private void showCell(int actual, int predicted) {
        TestReport r = model.reportProperty().get();
        if (r == null) {
            return;
        }
        mistakes.show(r.mistakes(actual, predicted), r.classes().get(actual), r.classes().get(predicted),
                r.evaluation().confusion()[actual][predicted]);
    }

    private static VBox metric(String name, String value) {
        Label v = new Label(value);
        v.getStyleClass().add(TrainStyle.METRIC_VALUE);
        Label n = new Label(name);
        n.getStyleClass().add(TrainStyle.METRIC_NAME);
        return new VBox(0, v, n);
    }

    private static VBox card(Node content) {
        VBox card = new VBox(content);
        card.getStyleClass().add(TrainStyle.CARD);
        VBox.setVgrow(content, Priority.ALWAYS);
        return card;
    }

    private static Button button(String text, org.kordamp.ikonli.Ikon icon, String id, Runnable action) {
        Button b = new Button(text, new FontIcon(icon));
        b.setId(id);
        b.setOnAction(e -> action.run());
        return b;
    }

    private static Spinner<Integer> spinner(String id, int min, int max, ObjectProperty<Integer> value) {
        Spinner<Integer> s = new Spinner<>(min, max, Math.max(min, value.get() == null ? min : value.get()));
        s.setId(id);
        s.setEditable(true);
        s.setPrefWidth(96);
        SpinnerValueFactory<Integer> f = s.getValueFactory();
        f.valueProperty().bindBidirectional(value);
        return s;
    }

    private static VBox field(String name, Node control) {
        Label label = new Label(name);
        label.getStyleClass().add(TrainStyle.FIELD_LABEL);
        return new VBox(2, label, control);
    }

    private static TableColumn<Evaluation.ClassScore, String> column(String name,
            java.util.function.Function<Evaluation.ClassScore, String> value, boolean number) {
        TableColumn<Evaluation.ClassScore, String> c = new TableColumn<>(name);
        c.setCellValueFactory(row -> new SimpleStringProperty(value.apply(row.getValue())));
        c.setSortable(false);
        if (number) {
            c.setStyle("-fx-alignment: CENTER-RIGHT;");
        }
        return c;
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }

    /**
     * A learning rate as typed: plain or scientific ("0.001", "1e-3"). Other text throws, and the
     * field then shows the last good value again.
     */
    private static final class RateText extends StringConverter<Double> {
        @Override
        public String toString(Double v) {
            return v == null ? "" : String.format(Locale.ROOT, "%s", v);
        }

        @Override
        public Double fromString(String s) {
            return Double.valueOf(s.strip());
        }
    }
}
