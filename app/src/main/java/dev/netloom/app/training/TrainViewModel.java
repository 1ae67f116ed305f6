package dev.netloom.app.training;

import dev.netloom.app.session.ProjectSession;
import com.fasterxml.jackson.databind.JsonNode;
import dev.netloom.app.StudioServices;
import dev.netloom.app.session.RedrawThrottle;
import dev.netloom.app.workspace.RunLog;
import dev.netloom.graph.analysis.GraphAnalysis;
import dev.netloom.graph.project.Project;
import dev.netloom.train.TrainingListener;
import dev.netloom.train.TrainingRun;
import dev.netloom.train.TrainingSection;
import dev.netloom.train.TrainingSettings;
import dev.netloom.train.data.DataSources;
import dev.netloom.train.data.Dataset;
import dev.netloom.train.data.InputBinding;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The Train view's state, without a window: a run of the open project on its data section with
 * its training settings (and the few basics the view lets a person change), the live curves and
 * progress, and at the end the test report. Training goes through {@link ModelTraining} and
 * {@link TrainingRun}, as {@code netloom train} does, and is recorded by the same
 * {@link RunRecorder}.
 *
 * <p>Threads: every property changes on the FX thread ({@code fx}). A run holds its own thread
 * ("netloom-train") for its whole length, so the studio's small io pool stays free for saves and
 * reads. The training thread's events reach the view through a {@link RedrawThrottle}: at most
 * {@link #REDRAWS_PER_SECOND} redraws, each curve within {@link #POINT_BUDGET} points.
 *
 * <p>Life of a run: {@link #start} (or {@link #resume} after a pause) → PREPARING (reading the
 * data) → RUNNING → FINISHED (model written to {@code NAME.runs/run-N/}, test report shown), or
 * STOPPED after {@link #pause} / {@link #stop} (within one step; a checkpoint holds the last step;
 * only a pause offers to resume), or FAILED with one line in {@link #errorProperty()}.
 */
public final class TrainViewModel {

    /** Most points a curve is drawn with, however long the run. */
    public static final int POINT_BUDGET = 600;

    /** Most redraws of the charts and progress a second. */
    public static final double REDRAWS_PER_SECOND = 20;

    /** Most test mistakes kept to list under the confusion matrix. */
    public static final int MISTAKES_KEPT = 5000;

    private final ProjectSession session;
    private final StudioServices services;
    private final RunLog runLog;
    private final Executor fx;
    private final ReadOnlyObjectWrapper<TrainState> state = new ReadOnlyObjectWrapper<>(this, "state", TrainState.IDLE);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyStringWrapper recovery = new ReadOnlyStringWrapper(this, "recovery", "");
    private final ReadOnlyObjectWrapper<Progress> progress = new ReadOnlyObjectWrapper<>(this, "progress", Progress.NONE);
    private final ReadOnlyObjectWrapper<Curves> curves = new ReadOnlyObjectWrapper<>(this, "curves", Curves.EMPTY);
    private final ReadOnlyObjectWrapper<Map<String, double[]>> experts =
            new ReadOnlyObjectWrapper<>(this, "experts", Map.of());
    private final ReadOnlyObjectWrapper<TestReport> report = new ReadOnlyObjectWrapper<>(this, "report");
    private final ReadOnlyObjectWrapper<Long> runId = new ReadOnlyObjectWrapper<>(this, "runId");
    private final ReadOnlyBooleanWrapper canResume = new ReadOnlyBooleanWrapper(this, "canResume");
    private final TrainingForm form;
    private final IntegerProperty epochs;
    private final IntegerProperty batchSize;
    private final DoubleProperty learningRate;
    private final IntegerProperty threads;
    private final javafx.beans.property.ObjectProperty<Path> teacher =
            new javafx.beans.property.SimpleObjectProperty<>(this, "teacher");
    private final DoubleProperty temperature = new SimpleDoubleProperty(this, "temperature",
            dev.netloom.train.AdaptationSettings.DEFAULT_TEMPERATURE);
    private final DoubleProperty distillWeight = new SimpleDoubleProperty(this, "distillWeight",
            dev.netloom.train.AdaptationSettings.DEFAULT_DISTILL_WEIGHT);
    private final ReadOnlyObjectWrapper<AdaptationReport> adaptation =
            new ReadOnlyObjectWrapper<>(this, "adaptation", AdaptationReport.NONE);
    private final RedrawThrottle throttle;
    private LiveCurves live;
    private volatile TrainingRun current;
    private volatile boolean stopAsked;
    private boolean pauseAsked;
    private Path resumeFrom;
    private String resumedName;
    private Optional<JsonNode> trainingSeen;
    private Optional<JsonNode> quantizationSeen;

    /**
     * @param session the open project: graph, data and training sections, file
     * @param services the project file format (the artifact records the project) and the Netloom home
     * @param runLog where runs are recorded
     * @param fx the FX thread's executor ({@code Platform::runLater})
     */
    public TrainViewModel(ProjectSession session, StudioServices services, RunLog runLog, Executor fx) {
        this.session = session;
        this.services = services;
        this.runLog = runLog;
        this.fx = fx;
        this.throttle = new RedrawThrottle(fx, REDRAWS_PER_SECOND, this::publish);
        // The fields are the project's training section: a change is saved with the project.
        this.form = new TrainingForm(section -> session.putSection("training", section),
                section -> session.putSection(dev.netloom.graph.quantize.QuantizationSection.KEY, section));
        this.epochs = form.epochsProperty();
        this.batchSize = form.batchSizeProperty();
        this.learningRate = form.learningRateProperty();
        this.threads = form.threadsProperty();
        session.sectionsProperty().addListener((obs, old, sections) -> projectChanged());
        session.fileProperty().addListener((obs, old, now) -> {
            if (old != null && !state.get().busy()) {
                forgetRun(); // another project was opened: the last one's results and checkpoint are not its
            }
        });
        projectChanged();
    }

    /** Where the run stands. */
    public ReadOnlyObjectProperty<TrainState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** One line on what is going on or how the last run ended; "" before the first run. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /**
     * The run's latest divergence recovery as one line ("Diverged and recovered (1 of 3): ..."),
     * kept after the run ends; "" when the run has not had to recover.
     */
    public ReadOnlyStringProperty recoveryProperty() {
        return recovery.getReadOnlyProperty();
    }

    /** Why the last run could not start or failed, as one line; "" when none. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** Step, epoch, throughput and time left. */
    public ReadOnlyObjectProperty<Progress> progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** The learning curves, each within {@link #POINT_BUDGET} points. */
    public ReadOnlyObjectProperty<Curves> curvesProperty() {
        return curves.getReadOnlyProperty();
    }

    /** For each Mixture-of-Experts node, the share of tokens each expert got in the last epoch; empty without MoE. */
    public ReadOnlyObjectProperty<Map<String, double[]>> expertsProperty() {
        return experts.getReadOnlyProperty();
    }

    /** The finished run's test report; null until a run finishes. */
    public ReadOnlyObjectProperty<TestReport> reportProperty() {
        return report.getReadOnlyProperty();
    }

    /** The workspace id of the run in progress or last run; null before the first. */
    public ReadOnlyObjectProperty<Long> runIdProperty() {
        return runId.getReadOnlyProperty();
    }

    /** True after a pause whose checkpoint exists. */
    public ReadOnlyBooleanProperty canResumeProperty() {
        return canResume.getReadOnlyProperty();
    }

    /** Epochs for the next run (from the project's training section; editable). */
    public IntegerProperty epochsProperty() {
        return epochs;
    }

    /** Examples per step for the next run. */
    public IntegerProperty batchSizeProperty() {
        return batchSize;
    }

    /** Peak learning rate for the next run. */
    public DoubleProperty learningRateProperty() {
        return learningRate;
    }

    /** CPU threads for the next run. */
    public IntegerProperty threadsProperty() {
        return threads;
    }

    /**
     * The teacher the next run distils from (a model folder), or null for none; it overrides the
     * training section's {@code teacher}.
     */
    public javafx.beans.property.ObjectProperty<Path> teacherProperty() {
        return teacher;
    }

    /** The distillation temperature for the next run (with a teacher). */
    public DoubleProperty temperatureProperty() {
        return temperature;
    }

    /** The distillation term's share of the loss for the next run (with a teacher). */
    public DoubleProperty distillWeightProperty() {
        return distillWeight;
    }

    /**
     * What the current or last run takes besides its data: its teachers with their validation
     * accuracy (shown beside the curves), the start model, loaded and frozen nodes.
     */
    public ReadOnlyObjectProperty<AdaptationReport> adaptationProperty() {
        return adaptation.getReadOnlyProperty();
    }

    /**
     * "Adapt this model": trains a finished run's model further on a picture folder, the given
     * nodes frozen, its head re-created for the folder's classes; recorded as a run of the open
     * project, shown in this view like any other.
     */
    public CompletableFuture<TrainState> adapt(AdaptRequest request) {
        if (state.get().busy()) {
            return CompletableFuture.completedFuture(state.get());
        }
        CompletableFuture<TrainState> done = new CompletableFuture<>();
        Project project;
        GraphAnalysis analysis;
        TrainingSettings settings;
        try {
            Project trained = services.projectFile().read(request.artifact().resolve("graph.json"));
            project = request.project(trained, services.analyzer());
            analysis = services.analyzer().analyze(project.graph());
            settings = new TrainingOverrides(epochs.get(), batchSize.get(), learningRate.get(), threads.get(), null)
                    .applyTo(TrainingSection.read(trained.section("training").orElse(null)));
        } catch (java.io.IOException | dev.netloom.graph.project.ProjectFormatException | IllegalArgumentException e) {
            return refuse("Cannot adapt " + request.artifact() + ": " + e.getMessage(), done);
        }
        dev.netloom.train.AdaptationSettings how = distillation(dev.netloom.train.AdaptationSettings.NONE)
                .withStartFrom(request.artifact().toAbsolutePath().toString())
                .withFreeze(analysis.graph().nodes().stream().map(n -> n.id()).filter(request.frozen()::contains).toList());
        live = new LiveCurves(POINT_BUDGET, throttle::request);
        return launchPlan(new Plan(project, analysis, session.fileProperty().get(),
                project.section("data").orElseThrow(), settings, null, null, how), done);
    }

    /** The section's teacher settings with the view's teacher, temperature and weight put in. */
    private dev.netloom.train.AdaptationSettings distillation(dev.netloom.train.AdaptationSettings s) {
        if (teacher.get() == null) {
            return s;
        }
        return s.withTeachers(List.of(teacher.get().toAbsolutePath().toString())).withTemperature(temperature.get())
                .withDistillWeight(distillWeight.get());
    }

    /**
     * Starts a new run of the open project.
     *
     * @return completes on the FX thread with the state the run ended in
     */
    public CompletableFuture<TrainState> start() {
        if (state.get().busy()) {
            return CompletableFuture.completedFuture(state.get());
        }
        live = new LiveCurves(POINT_BUDGET, throttle::request);
        return launch(null, null);
    }

    /** Continues the paused run from its checkpoint, as a new recorded run. */
    public CompletableFuture<TrainState> resume() {
        if (!canResume.get() || live == null) {
            return CompletableFuture.completedFuture(state.get());
        }
        return launch(resumeFrom, resumedName);
    }

    /** Stops the run within one step, keeping a checkpoint to resume from. */
    public void pause() {
        cancel(true);
    }

    /** Stops the run within one step; its checkpoint stays on disk but the view does not offer to resume it. */
    public void stop() {
        cancel(false);
    }

    private void cancel(boolean pause) {
        if (!state.get().busy()) {
            return;
        }
        pauseAsked = pause;
        stopAsked = true;
        TrainingRun run = current;
        if (run != null) {
            run.cancel();
        }
        state.set(TrainState.STOPPING);
        status.set(pause ? "Pausing after this step…" : "Stopping after this step…");
    }

    private CompletableFuture<TrainState> launch(Path checkpoint, String resumes) {
        CompletableFuture<TrainState> done = new CompletableFuture<>();
        if (state.get().busy()) {
            done.complete(state.get());
            return done;
        }
        Project project = session.snapshot();
        GraphAnalysis analysis = session.designer().analysis();
        Path file = session.fileProperty().get();
        JsonNode data = project.section("data").orElse(null);
        TrainingSettings settings;
        dev.netloom.train.AdaptationSettings how;
        try {
            if (data == null) {
                throw new IllegalArgumentException("This project has no data yet: choose a dataset in the Data view.");
            }
            if (!analysis.isValid()) {
                throw new IllegalArgumentException("The model cannot be trained yet: " + analysis.problems().get(0));
            }
            settings = new TrainingOverrides(epochs.get(), batchSize.get(), learningRate.get(), threads.get(), null)
                    .applyTo(TrainingSection.read(project.section("training").orElse(null)));
            how = distillation(dev.netloom.train.AdaptationSection.read(project.section("training").orElse(null)));
        } catch (IllegalArgumentException e) {
            error.set("");
            return refuse(e.getMessage(), done);
        }
        return launchPlan(new Plan(project, analysis, file, data, settings, checkpoint, resumes, how), done);
    }

    private CompletableFuture<TrainState> launchPlan(Plan plan, CompletableFuture<TrainState> done) {
        error.set("");
        report.set(null);
        canResume.set(false);
        adaptation.set(AdaptationReport.NONE);
        stopAsked = false;
        pauseAsked = false;
        state.set(TrainState.PREPARING);
        status.set("Reading " + plan.data().path("source").asText("the data") + "…");
        recovery.set("");
        if (plan.checkpoint() == null) {
            progress.set(Progress.NONE);
            publish();
        }
        LiveCurves curvesOfRun = live;
        Thread t = new Thread(() -> train(plan, curvesOfRun, done), "netloom-train");
        t.setDaemon(true);
        t.start();
        return done;
    }

    /** What a run needs, taken on the FX thread before it starts. */
    private record Plan(Project project, GraphAnalysis analysis, Path file, JsonNode data, TrainingSettings settings,
                        Path checkpoint, String resumes, dev.netloom.train.AdaptationSettings adaptation) {
    }

    private CompletableFuture<TrainState> refuse(String line, CompletableFuture<TrainState> done) {
        error.set(line);
        done.complete(state.get());
        return done;
    }

    /** The run, on its own thread. */
    private void train(Plan plan, LiveCurves curvesOfRun, CompletableFuture<TrainState> done) {
        RunRecorder recorder = null;
        ModelAdaptation adapted = ModelAdaptation.none();
        try {
            Path folder = plan.file() == null ? Path.of("") : plan.file().toAbsolutePath().getParent();
            Dataset dataset = DataSources.reader(plan.data(), folder)
                    .read(InputBinding.request(plan.analysis(), plan.settings().seed()));
            adapted = ModelAdaptation.prepare(plan.adaptation(), folder, plan.analysis(), dataset,
                    services.projectFile(), plan.settings().batchSize());
            dataset = adapted.dataset(dataset);
            AdaptationReport taken = adapted.report();
            fx.execute(() -> adaptation.set(taken));
            ModelTraining training = ModelTraining.prepare(plan.project().withSection("data", plan.data()),
                    plan.analysis(), dataset, plan.settings()).keepMistakes(MISTAKES_KEPT).adaptedBy(adapted);
            Path projectKey = plan.file() != null ? plan.file() : services.home().resolve("untitled.netloom");
            RunFolders place = RunFolders.next(plan.file(), services.home(),
                    runLog.runs(Optional.of(projectKey)).size() + 1);
            String name = plan.resumes() == null ? place.name() : place.name() + " (resumes " + plan.resumes() + ")";
            recorder = RunRecorder.start(runLog, projectKey, name, plan.settings(), dataset, taken);
            TrainingListener recoveries = new TrainingListener() {
                @Override
                public void onRecovery(Recovery r) {
                    String line = "Diverged and " + r.describe();
                    fx.execute(() -> recovery.set(line));
                }
            };
            TrainingRun run = training.run();
            if (curvesOfRun != null) { // null once the view is closed
                run.listener(curvesOfRun);
            }
            run.listener(recorder).listener(recoveries).checkpointTo(place.checkpoint());
            if (plan.checkpoint() != null) {
                run.resumeFrom(plan.checkpoint());
            }
            current = run;
            if (stopAsked) {
                run.cancel(); // asked while the data was being read
            }
            long id = recorder.runId();
            String started = "Training " + name + " on " + dataset.name()
                    + (taken.startFrom() != null ? ", starting from " + taken.startFrom() : "")
                    + (taken.teachers().isEmpty() ? "" : ", distilling from " + taken.teachers().size()
                    + (taken.teachers().size() == 1 ? " teacher" : " teachers"));
            fx.execute(() -> {
                runId.set(id);
                if (state.get() == TrainState.PREPARING) {
                    state.set(TrainState.RUNNING);
                    status.set(started);
                }
            });
            ModelTraining.Outcome outcome = training.trainAndWrite(place.artifact(), folder, services.projectFile());
            recorder.finished(outcome);
            TestReport test = outcome.artifact() == null ? null : TestReport.of(outcome.test(), dataset, outcome.artifact());
            if (test != null) {
                curvesOfRun.complete();
            }
            String problem = recorder.problem();
            Path checkpoint = recorder.checkpoint();
            fx.execute(() -> ended(outcome, test, name, checkpoint, problem, done));
        } catch (Exception | Error e) {
            String line = oneLine(e);
            if (recorder != null) {
                recorder.failed(line);
            }
            fx.execute(() -> {
                publish();
                state.set(TrainState.FAILED);
                status.set("");
                error.set(line);
                done.complete(TrainState.FAILED);
            });
        } finally {
            current = null;
            adapted.close();
        }
    }

    private void ended(ModelTraining.Outcome outcome, TestReport test, String name, Path checkpoint, String problem,
                       CompletableFuture<TrainState> done) {
        publish();
        if (test != null) {
            report.set(test);
            state.set(TrainState.FINISHED);
            status.set("Finished " + name + ": " + outcome.end().message() + ". Model saved in " + test.artifact());
        } else {
            state.set(TrainState.STOPPED);
            boolean resumable = pauseAsked && checkpoint != null && Files.exists(checkpoint);
            resumeFrom = resumable ? checkpoint : null;
            resumedName = resumable ? name : null;
            canResume.set(resumable);
            status.set((pauseAsked ? "Paused " : "Stopped ") + name + " in epoch " + (outcome.end().epochsRun() + 1)
                    + (resumable ? "; Resume continues from its checkpoint." : "."));
        }
        if (problem != null) {
            error.set("The run was not fully recorded in the workspace: " + problem);
        }
        done.complete(state.get());
    }

    /** Shows the live curves as they are now (on the FX thread, called by the throttle). */
    private void publish() {
        if (live == null) {
            curves.set(Curves.EMPTY);
            return;
        }
        LiveCurves.Snapshot s = live.snapshot();
        curves.set(s.curves());
        progress.set(s.progress());
        experts.set(s.experts());
    }

    private void forgetRun() {
        live = null;
        report.set(null);
        canResume.set(false);
        resumeFrom = null;
        status.set("");
        error.set("");
        recovery.set("");
        progress.set(Progress.NONE);
        experts.set(Map.of());
        curves.set(Curves.EMPTY);
        state.set(TrainState.IDLE);
    }

    /**
     * The basics follow the project's training section when it changes (another project, an
     * edit); a change to another section (the Data view storing its data) keeps what was typed.
     */
    private void projectChanged() {
        JsonNode quantization = session.sectionsProperty().get().get(dev.netloom.graph.quantize.QuantizationSection.KEY);
        if (!state.get().busy() && (quantizationSeen == null || !quantizationSeen.equals(Optional.ofNullable(quantization)))) {
            quantizationSeen = Optional.ofNullable(quantization);
            form.loadQuantization(quantization);
        }
        JsonNode training = session.sectionsProperty().get().get("training");
        if (state.get().busy() || (trainingSeen != null && trainingSeen.equals(Optional.ofNullable(training)))) {
            return;
        }
        trainingSeen = Optional.ofNullable(training);
        form.load(training);
        if (!form.problemProperty().get().isEmpty()) {
            error.set(form.problemProperty().get());
        }
    }

    /** The project's training settings as the view edits them (saved with the project). */
    public TrainingForm form() {
        return form;
    }

    private static String oneLine(Throwable t) {
        String m = t.getMessage();
        if (m == null || m.isBlank()) {
            // An error without words is ours (a bug), not the person's: say so, keep the trace in the log.
            System.getLogger(TrainViewModel.class.getName()).log(System.Logger.Level.ERROR, "training failed", t);
            return "the run stopped on an internal error (details in the log); please report it";
        }
        return m.lines().findFirst().orElse(m);
    }
}
