package dev.netloom.app.runs;

import dev.netloom.app.workspace.BundleRecord;
import dev.netloom.app.workspace.EpochRecord;
import dev.netloom.app.workspace.ModelVersion;
import dev.netloom.app.workspace.RunLog;
import dev.netloom.app.workspace.RunRecord;
import dev.netloom.app.workspace.StudyRecord;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The Runs view's state: the open project's runs and studies from the workspace, a filter, the
 * selected run's epochs and bundles, a comparison of two runs, and the model registry. Reads and
 * writes go through {@link RunLog} on the io executor; results come back on the FX executor.
 */
public final class RunsViewModel {

    private final RunLog log;
    private final ReadOnlyObjectProperty<Path> project;
    private final Executor io;
    private final Executor fx;

    private final ObservableList<RunRecord> runs = FXCollections.observableArrayList();
    private final FilteredList<RunRecord> shown = new FilteredList<>(runs, r -> true);
    private final ObservableList<StudyRecord> studies = FXCollections.observableArrayList();
    private final ObservableList<ModelVersion> versions = FXCollections.observableArrayList();
    private final ObservableList<BundleRecord> bundles = FXCollections.observableArrayList();
    private final ObservableList<EpochRecord> epochs = FXCollections.observableArrayList();
    private final StringProperty filter = new SimpleStringProperty("");
    private final ObjectProperty<RunComparison> comparison = new SimpleObjectProperty<>();
    private final dev.netloom.graph.project.ProjectFile files;
    private final StringProperty message = new SimpleStringProperty("");

    public RunsViewModel(RunLog log, ReadOnlyObjectProperty<Path> project, Executor io, Executor fx) {
        this(log, project, new dev.netloom.graph.project.ProjectFile(dev.netloom.graph.catalog.LayerCatalog.standard()),
                io, fx);
    }

    /**
     * @param files reads the graphs of the runs' model folders (Compare lists graph differences)
     */
    public RunsViewModel(RunLog log, ReadOnlyObjectProperty<Path> project, dev.netloom.graph.project.ProjectFile files,
                         Executor io, Executor fx) {
        this.files = files;
        this.log = log;
        this.project = project;
        this.io = io;
        this.fx = fx;
        filter.addListener((o, was, now) -> shown.setPredicate(r -> matches(r, now)));
        project.addListener((o, was, now) -> refresh());
    }

    /** Runs whose name, status, dataset or message contain the filter text (any case). */
    static boolean matches(RunRecord r, String filter) {
        if (filter == null || filter.isBlank()) {
            return true;
        }
        String f = filter.strip().toLowerCase(Locale.ROOT);
        return (r.name() + " " + r.status() + " " + r.dataset() + " " + r.message() + " "
                + (r.study() == null ? "" : r.study())).toLowerCase(Locale.ROOT).contains(f);
    }

    /** Reloads runs, studies and the registry for the open project (every project when none is saved yet). */
    public CompletableFuture<Void> refresh() {
        Optional<Path> file = Optional.ofNullable(project.get());
        return CompletableFuture.supplyAsync(() -> new Loaded(log.runs(file),
                        file.map(log::studies).orElse(List.of()), log.versions()), io)
                .thenAcceptAsync(l -> {
                    runs.setAll(l.runs());
                    studies.setAll(l.studies());
                    versions.setAll(l.versions());
                    message.set(l.runs().isEmpty() ? "No runs yet: train the model in the Train view (or with netloom train)."
                            : "");
                }, fx)
                .exceptionally(e -> fail(e));
    }

    private record Loaded(List<RunRecord> runs, List<StudyRecord> studies, List<ModelVersion> versions) {
    }

    /** Shows one run: its epochs and the bundles exported from its model. */
    public CompletableFuture<Void> select(RunRecord run) {
        return CompletableFuture.supplyAsync(() -> new Selected(log.epochs(run.id()),
                        run.artifactPath().map(a -> log.bundles(Path.of(a))).orElse(List.of())), io)
                .thenAcceptAsync(s -> {
                    epochs.setAll(s.epochs());
                    bundles.setAll(s.bundles());
                }, fx)
                .exceptionally(e -> fail(e));
    }

    private record Selected(List<EpochRecord> epochs, List<BundleRecord> bundles) {
    }

    /** Puts two runs side by side. */
    public CompletableFuture<Void> compare(RunRecord first, RunRecord second) {
        return CompletableFuture.supplyAsync(() -> new RunComparison(first, second,
                        SettingsDiff.of(first.settings(), second.settings()), log.epochs(first.id()),
                        log.epochs(second.id()),
                        dev.netloom.app.diff.ModelDiff.of(dev.netloom.app.diff.ModelSide.run(first, files),
                                dev.netloom.app.diff.ModelSide.run(second, files))), io)
                .thenAcceptAsync(comparison::set, fx)
                .exceptionally(e -> fail(e));
    }

    /** Registers a run's model as the next version of {@code name}. */
    public CompletableFuture<Void> register(RunRecord run, String name, String note) {
        return CompletableFuture.supplyAsync(() -> log.register(run.id(), name, note), io)
                .thenAcceptAsync(v -> {
                    message.set("Registered " + run.name() + " as " + v.name() + " version " + v.version());
                    versions.setAll(log.versions());
                }, fx)
                .exceptionally(e -> fail(e));
    }

    private Void fail(Throwable e) {
        Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
        fx.execute(() -> message.set(cause.getMessage()));
        return null;
    }

    /** Runs after the filter, newest first. */
    public ObservableList<RunRecord> runs() {
        return shown;
    }

    public ObservableList<StudyRecord> studies() {
        return studies;
    }

    public ObservableList<ModelVersion> versions() {
        return versions;
    }

    public ObservableList<BundleRecord> bundles() {
        return bundles;
    }

    public ObservableList<EpochRecord> epochs() {
        return epochs;
    }

    public StringProperty filterProperty() {
        return filter;
    }

    public ReadOnlyObjectProperty<RunComparison> comparisonProperty() {
        return comparison;
    }

    public StringProperty messageProperty() {
        return message;
    }
}
