package dev.netloom.app.search;

import com.fasterxml.jackson.databind.JsonNode;
import dev.netloom.app.StudioServices;
import dev.netloom.app.session.ProjectSession;
import dev.netloom.app.workspace.RunLog;
import dev.netloom.app.workspace.StudyRecord;
import dev.netloom.devices.DeviceCatalog;
import dev.netloom.devices.DeviceProfile;
import dev.netloom.graph.analysis.GraphAnalysis;
import dev.netloom.graph.edit.EditResult;
import dev.netloom.graph.project.Project;
import dev.netloom.graph.search.SearchSpace;
import dev.netloom.hpo.FrozenTrial;
import dev.netloom.hpo.OptimizeSettings;
import dev.netloom.hpo.Study;
import dev.netloom.hpo.StudyDirection;
import dev.netloom.hpo.TrialState;
import dev.netloom.hpo.storage.Storage;
import dev.netloom.hpo.storage.StorageUrl;
import dev.netloom.train.TrainingSection;
import dev.netloom.train.TrainingSettings;
import dev.netloom.train.data.DataSources;
import dev.netloom.train.data.Dataset;
import dev.netloom.train.data.InputBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The Tune view's state, without a window: the project's searchable parameters, the study being
 * run or shown, and its progress; Start, Stop, Resume and "Apply best trial". Every property
 * changes on the FX thread.
 *
 * <p>Life of a study: {@link #start} (a new study) or {@link #resume} (one started before, the
 * same trials and sampler state) snapshots the project on the FX thread, then on the search
 * thread reads the dataset once, opens the study's SQLite storage beside the project
 * ({@link StudyFiles}), records the study in the workspace and runs trials through
 * {@link ModelSearch}, the service {@code netloom tune} uses. Trials run one at a time in this
 * process (DJL trains one model per process), on their own thread so a search of hours never
 * holds up saving on the io executor. A poller reads the storage five times a second and
 * publishes a {@link StudyProgress} when a trial changed (an epoch reported, a trial finished).
 * {@link #stop} ends the trial training now within a step (it fails as "stopped") and starts
 * no other; {@link #resume} goes on from there.
 */
public final class TuneViewModel {

    /** How often the storage is read while a study runs: at most five updates a second reach the view. */
    static final Duration POLL_EVERY = Duration.ofMillis(200);

    private final StudioServices services;
    private final ProjectSession session;
    private final RunLog runs;
    private final Executor io;
    private final Executor fx;
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyObjectWrapper<StudyProgress> progress = new ReadOnlyObjectWrapper<>(this, "progress",
            StudyProgress.NONE);
    private final ObjectProperty<Integer> selectedTrial = new SimpleObjectProperty<>(this, "selectedTrial");
    private final ExecutorService searchThread = Executors.newSingleThreadExecutor(r -> daemon(r, "netloom-tune"));
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(
            r -> daemon(r, "netloom-tune-poll"));
    private volatile ModelSearch search;

    /**
     * @param services the catalog, analyzer and project file format the CLI uses too
     * @param session the open project
     * @param runs the workspace's record of runs and studies
     * @param io where short file work happens (reading a finished study)
     * @param fx the FX thread's executor
     */
    private final javafx.beans.property.ReadOnlyIntegerWrapper projectEpochs =
            new javafx.beans.property.ReadOnlyIntegerWrapper(this, "projectEpochs");

    public TuneViewModel(StudioServices services, ProjectSession session, RunLog runs, Executor io, Executor fx) {
        this.services = services;
        this.session = session;
        this.runs = runs;
        this.io = io;
        this.fx = fx;
        projectEpochs.set(epochsOf(session.sectionsProperty().get().get("training")));
        session.sectionsProperty().addListener((o, old, sections) -> projectEpochs.set(epochsOf(sections.get("training"))));
        // An opened project shows its newest study, so Resume continues it without retyping its name.
        session.fileProperty().addListener((o, old, file) -> projectOpened(file));
        if (session.fileProperty().get() != null) {
            projectOpened(session.fileProperty().get()); // built after the project was opened
        }
    }

    private void projectOpened(Path file) {
        if (!running.get()) {
            progress.set(StudyProgress.NONE);
            status.set("");
            error.set("");
            if (file != null) {
                runs.studies(file).stream().map(StudyRecord::name).filter(n -> StudyFiles.of(file).exists(n))
                        .findFirst().ifPresent(this::show);
            }
        }
    }

    /** True while a study runs. */
    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** What is going on ("Trial 3 of 20…", "Study qa-1: 2 complete, 0 pruned, 0 failed."). */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The last refusal or failure as one line; "" when none. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** The study shown: its trials and plot data. */
    public ReadOnlyObjectProperty<StudyProgress> progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** The trial the person picked (in the table or on the Pareto plot); null for none. */
    public ObjectProperty<Integer> selectedTrialProperty() {
        return selectedTrial;
    }

    /** The searchable parameters marked in the designer, live. */
    public ReadOnlyObjectProperty<SearchSpace> searchProperty() {
        return session.designer().searchProperty();
    }

    /** The open project's studies folder; empty while the project has no file. */
    public Optional<StudyFiles> files() {
        return Optional.ofNullable(session.fileProperty().get()).map(StudyFiles::of);
    }

    /** The devices a latency objective can be estimated on: the shipped profiles and the user's. */
    public List<DeviceProfile> devices() {
        return catalog().all();
    }

    /** A name for the next study of this project: {@code NAME-1}, {@code NAME-2}, ... */
    public String suggestedName() {
        return files().map(f -> f.freshName(session.nameProperty().get())).orElse(session.nameProperty().get() + "-1");
    }

    /** Starts a new study; refused when the name is taken (resume it instead). */
    public CompletableFuture<StudyProgress> start(TuneSettings settings) {
        return run(settings, false);
    }

    /** Continues a study started before: its trials so far count, and the budget adds trials. */
    public CompletableFuture<StudyProgress> resume(TuneSettings settings) {
        return run(settings, true);
    }

    /** Shows why the form does not make a study (a bad name, latency without a device). */
    public void refuseForm(String reason) {
        error.set(reason);
    }

    /** Stops the running study: the trial training now ends within a step; no other starts. */
    public void stop() {
        ModelSearch s = search;
        if (s != null) {
            s.stop();
            status.set("Stopping after the current step…");
        }
    }

    /** Shows a study that is not running (one of {@link StudyFiles#names()}), read on the io executor. */
    public CompletableFuture<StudyProgress> show(String name) {
        Optional<StudyFiles> f = files();
        if (f.isEmpty() || !f.get().exists(name)) {
            return refuse("No study named " + name + " beside this project.");
        }
        List<SearchObjective> objectives = recordedObjectives(name).orElse(List.of(SearchObjective.ACCURACY));
        return CompletableFuture.supplyAsync(() -> {
            try (Storage storage = StorageUrl.open(f.get().storageUrl(name))) {
                Study study = Study.builder(storage).setName(name).optLoadIfExists(true).build();
                return StudyProgress.of(name, objectives, study.trials());
            }
        }, io).whenCompleteAsync((p, e) -> {
            if (e != null) {
                error.set(oneLine(e));
            } else {
                progress.set(p);
                status.set(summary(p));
            }
        }, fx);
    }

    /**
     * Puts the best trial's values into the project (with two objectives, the selected Pareto
     * trial): node parameters as one undoable designer edit, training settings into the
     * {@code training} section; the project is then unsaved. Call on the FX thread.
     *
     * @return the trial applied, or empty with the reason in {@link #errorProperty()}
     */
    public Optional<FrozenTrial> applyBest() {
        Optional<FrozenTrial> best = progress.get().best(selectedTrial.get());
        if (best.isEmpty()) {
            error.set("No trial has completed yet: there is nothing to apply.");
            return Optional.empty();
        }
        JsonNode training = session.sectionsProperty().get().get("training");
        TrialApplication change = TrialApplication.of(best.get(), session.designer().graph(), training);
        if (change.graphEdit() != null) {
            EditResult r = session.designer().apply(change.graphEdit());
            if (!r.applied()) {
                error.set("Cannot apply trial #" + change.trial() + ": " + r.refusal().orElse("refused"));
                return Optional.empty();
            }
        }
        if (change.training() != null) {
            session.putSection("training", change.training());
        }
        error.set(change.skipped().isEmpty() ? "" : "Skipped " + String.join(", ", change.skipped())
                + ": no longer in the project.");
        status.set("Applied trial #" + change.trial() + " to the project (Undo reverts the layer settings).");
        return best;
    }

    /** Ends the poller and the search thread (the window is going away); a running trial is stopped. */
    public void dispose() {
        stop();
        poller.shutdownNow();
        searchThread.shutdown();
    }

    /** The project's training section's epochs (what a trial trains unless the view says otherwise). */
    public javafx.beans.property.ReadOnlyIntegerProperty projectEpochsProperty() {
        return projectEpochs.getReadOnlyProperty();
    }

    private static int epochsOf(JsonNode training) {
        try {
            return TrainingSection.read(training).epochs();
        } catch (IllegalArgumentException e) {
            return TrainingSettings.defaults().epochs();
        }
    }

    // ---- running a study ----

    private CompletableFuture<StudyProgress> run(TuneSettings settings, boolean resume) {
        if (running.get()) {
            return refuse("A study is running; stop it first.");
        }
        Path projectFile = session.fileProperty().get();
        if (projectFile == null) {
            return refuse("Save the project first: its studies are kept beside the project file.");
        }
        SearchSpace space = session.designer().search();
        if (space.isEmpty()) {
            return refuse("Nothing is marked searchable: mark parameters in the Design view (the search toggle "
                    + "in a layer's properties).");
        }
        StudyFiles files = StudyFiles.of(projectFile);
        if (resume && !files.exists(settings.studyName())) {
            return refuse("There is no study " + settings.studyName() + " to resume; start it.");
        }
        if (!resume && files.exists(settings.studyName())) {
            return refuse("A study named " + settings.studyName() + " exists: resume it or choose another name.");
        }
        Project project = session.snapshot();
        List<SearchObjective> objectives = resume
                ? recordedObjectives(settings.studyName()).orElse(settings.objectives()) : settings.objectives();
        error.set("");
        running.set(true);
        selectedTrial.set(null);
        status.set((resume ? "Resuming " : "Starting ") + settings.studyName() + ": reading the data…");
        CompletableFuture<StudyProgress> done = new CompletableFuture<>();
        searchThread.execute(() -> {
            try {
                StudyProgress last = runStudy(project, projectFile, files, space, settings, objectives);
                fx.execute(() -> {
                    progress.set(last);
                    status.set(summary(last));
                    running.set(false);
                    done.complete(last);
                });
            } catch (Exception | LinkageError e) {
                fx.execute(() -> {
                    error.set(oneLine(e));
                    status.set("");
                    running.set(false);
                    done.completeExceptionally(e);
                });
            } finally {
                search = null;
            }
        });
        return done;
    }

    /** On the search thread: the same steps as {@code netloom tune}, then trials until the budget or Stop. */
    private StudyProgress runStudy(Project project, Path projectFile, StudyFiles files, SearchSpace space,
                                   TuneSettings settings, List<SearchObjective> objectives) throws Exception {
        GraphAnalysis analysis = services.analyzer().analyze(project.graph());
        if (!analysis.isValid()) {
            throw new IllegalArgumentException("The model has problems; fix them in the Design view first: "
                    + analysis.problems().get(0));
        }
        TrainingSettings training = TrainingSection.read(project.section("training").orElse(null));
        if (settings.epochsPerTrial() != null) {
            training = training.withEpochs(settings.epochsPerTrial()); // as netloom tune --epochs
        }
        JsonNode data = project.section("data").orElseThrow(() -> new IllegalArgumentException(
                "The project has no data yet: choose it in the Data view."));
        Path folder = projectFile.toAbsolutePath().getParent();
        Dataset dataset = DataSources.reader(data, folder).read(InputBinding.request(analysis, training.seed()));
        TrialLatency latency = null;
        if (objectives.stream().anyMatch(SearchObjective::needsDevice)) {
            DeviceProfile device = catalog().find(settings.deviceId()).orElseThrow(() -> new IllegalArgumentException(
                    "Unknown device " + settings.deviceId() + "."));
            latency = TrialLatency.forProject(device, project);
        }
        String name = settings.studyName();
        Files.createDirectories(files.folder());
        String url = files.storageUrl(name);
        Path out = files.out(name);
        try (Storage storage = StorageUrl.open(url)) {
            Study study = Study.builder(storage).setName(name)
                    .optDirections(objectives.stream().map(SearchObjective::direction).toArray(StudyDirection[]::new))
                    .optSampler(SearchStrategies.choose(settings.sampler() == null ? "auto" : settings.sampler(),
                            objectives.size(), settings.trials(), space, settings.seed()).sampler())
                    .optPruner(SearchStrategies.pruner(settings.pruner(), training.epochs()))
                    .optHeartbeat(ModelSearch.HEARTBEAT)
                    .build();
            if (recordedObjectives(name).isEmpty()) {
                runs.study(new StudyRecord(name, RunLog.key(projectFile), url, out.toString(),
                        SearchObjective.words(objectives), Instant.now()));
            }
            ModelSearch s = ModelSearch.withLatency(project, dataset, training, space, objectives, 0, out,
                    services.analyzer(), services.projectFile(), folder, latency, outcome -> { })
                    .withConstraints(constraints(settings, project));
            search = s;
            StudyPoll poll = new StudyPoll(study, name, objectives, p -> fx.execute(() -> progress.set(p)));
            poll.now();
            var polling = poller.scheduleWithFixedDelay(poll::now, POLL_EVERY.toMillis(), POLL_EVERY.toMillis(),
                    TimeUnit.MILLISECONDS);
            try {
                long deadline = settings.timeLimit() == null ? Long.MAX_VALUE
                        : System.nanoTime() + settings.timeLimit().toNanos();
                // One trial per call, so Stop and the time limit are checked between trials; samplers
                // rebuild their state from the storage, so this is the same search as one long call.
                // Failed trials in a row are counted here, across the calls, as netloom tune counts them.
                int failuresInARow = 0;
                FrozenTrial firstFailure = null;
                for (int i = 0; i < settings.trials() && !s.isStopping() && System.nanoTime() < deadline; i++) {
                    int n = i + 1;
                    fx.execute(() -> {
                        if (!s.isStopping()) {
                            status.set(String.format(Locale.ROOT, "Trial %d of %d of %s…", n, settings.trials(), name));
                        }
                    });
                    study.optimize(s.objective(), OptimizeSettings.of(1).tolerating(ModelSearch.TRIAL_FAILURES));
                    failuresInARow = lastTrialFailed(study) ? failuresInARow + 1 : 0;
                    if (failuresInARow == 1) {
                        firstFailure = study.trials().get(study.trials().size() - 1);
                    }
                    if (failuresInARow >= ModelSearch.DEFAULT_FAILURES_IN_A_ROW && !s.isStopping()) {
                        throw new IllegalStateException("Stopped after " + failuresInARow + " trials failed in a row; the "
                                + "first, #" + firstFailure.number() + ", failed with: " + ModelSearch.failureReason(firstFailure));
                    }
                }
            } finally {
                polling.cancel(false);
            }
            return StudyProgress.of(name, objectives, study.trials());
        }
    }

    private Optional<List<SearchObjective>> recordedObjectives(String name) {
        Path projectFile = session.fileProperty().get();
        if (projectFile == null) {
            return Optional.empty();
        }
        return runs.studies(projectFile).stream().filter(r -> r.name().equals(name)).findFirst()
                .map(r -> SearchObjective.parse(r.objectives()));
    }

    /** The form's limits with a device estimate for each latency limit. */
    private TrialConstraints constraints(TuneSettings settings, Project project) {
        List<TrialLatency> latencies = new java.util.ArrayList<>();
        for (SearchConstraint c : settings.constraints()) {
            if (c.metric() != SearchConstraint.Metric.LATENCY) {
                latencies.add(null);
                continue;
            }
            String id = c.deviceId() != null ? c.deviceId() : settings.deviceId();
            DeviceProfile device = catalog().find(id).orElseThrow(() -> new IllegalArgumentException(
                    "Unknown device " + id + " in the limit " + c.text() + "."));
            latencies.add(TrialLatency.forProject(device, project));
        }
        return new TrialConstraints(settings.constraints(), latencies);
    }

    private DeviceCatalog catalog() {
        return services.devices();
    }

    private <T> CompletableFuture<T> refuse(String reason) {
        error.set(reason);
        return CompletableFuture.failedFuture(new IllegalStateException(reason));
    }

    static String summary(StudyProgress p) {
        long complete = p.trials().stream().filter(t -> t.state() == TrialState.COMPLETE).count();
        long pruned = p.trials().stream().filter(t -> t.state() == TrialState.PRUNED).count();
        long failed = p.trials().stream().filter(t -> t.state() == TrialState.FAIL).count();
        return String.format(Locale.ROOT, "Study %s: %d complete, %d pruned, %d failed.", p.name(), complete, pruned,
                failed);
    }

    private static boolean lastTrialFailed(Study study) {
        List<FrozenTrial> trials = study.trials();
        return !trials.isEmpty() && trials.get(trials.size() - 1).state() == dev.netloom.hpo.TrialState.FAIL;
    }

    private static String oneLine(Throwable t) {
        Throwable cause = t instanceof java.util.concurrent.CompletionException && t.getCause() != null ? t.getCause() : t;
        String m = cause.getMessage();
        if (m == null || m.isBlank()) {
            m = cause.getClass().getSimpleName();
        }
        return m.lines().findFirst().orElse(m);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
