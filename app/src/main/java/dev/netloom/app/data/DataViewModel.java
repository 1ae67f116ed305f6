package dev.netloom.app.data;

import com.fasterxml.jackson.databind.JsonNode;
import dev.netloom.app.session.ProjectSession;
import dev.netloom.graph.analysis.GraphAnalysis;
import dev.netloom.train.TrainingSection;
import dev.netloom.train.TrainingSettings;
import dev.netloom.train.data.DataRequest;
import dev.netloom.train.data.DataSources;
import dev.netloom.train.data.Dataset;
import dev.netloom.train.data.DatasetReader;
import dev.netloom.train.data.InputBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.concurrent.Task;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The Data view's state, without a window: the project's {@code data} section, the dataset read
 * from it by the training engine's readers, what the view shows of it, and whether it matches
 * the model. Every change happens on the FX thread; reading runs as a {@link Task} on the io
 * executor.
 *
 * <p>Life of a choice: {@link #apply} builds the section, lets {@link DataSources#reader} check
 * it (a bad setting is refused at once, naming its JSON path), reads it fitted to the graph's
 * inputs ({@link InputBinding#request}), and only when the read succeeds stores the section in
 * the project (marked modified; Save writes it). The check ({@link ModelCheck}) runs again on
 * every graph change; when the change alters what the inputs ask for (picture size, token
 * length), the data is read again, as training would read it.
 */
public final class DataViewModel {

    /** How many samples a preview carries. */
    public static final int SAMPLES = 24;

    /** The project section this view owns. */
    public static final String SECTION = "data";

    private final ProjectSession session;
    private final Executor io;
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyObjectWrapper<JsonNode> section = new ReadOnlyObjectWrapper<>(this, "section");
    private final ReadOnlyObjectWrapper<DataPreview> preview = new ReadOnlyObjectWrapper<>(this, "preview");
    private final ReadOnlyObjectWrapper<ModelCheck> check = new ReadOnlyObjectWrapper<>(this, "check");
    private Dataset dataset;
    private DataRequest readWith;
    private Task<Read> running;
    private boolean active;

    /** A finished read: the dataset, what to show of it, and the request it was fitted to. */
    private record Read(JsonNode section, Dataset dataset, DataPreview preview, DataRequest request) {
    }

    /**
     * @param session the open project: its graph, its sections, where its file lives
     * @param io where datasets are read
     */
    public DataViewModel(ProjectSession session, Executor io) {
        this.session = session;
        this.io = io;
        session.designer().analysisProperty().addListener((obs, old, analysis) -> graphChanged(analysis));
        session.sectionsProperty().addListener((obs, old, sections) -> projectChanged(sections));
        projectChanged(session.sectionsProperty().get());
    }

    /** True while a dataset is being read. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** What is going on, for example "Reading shapes-qa…"; "" when idle. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The last failure as one line (the readers name the file and the JSON path); "" when none. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** The section the shown dataset was read from, or the project's when not read yet; null when none. */
    public ReadOnlyObjectProperty<JsonNode> sectionProperty() {
        return section.getReadOnlyProperty();
    }

    /** What to show of the dataset; null before one is read. */
    public ReadOnlyObjectProperty<DataPreview> previewProperty() {
        return preview.getReadOnlyProperty();
    }

    /** Whether the dataset matches the model; null before one is read. */
    public ReadOnlyObjectProperty<ModelCheck> checkProperty() {
        return check.getReadOnlyProperty();
    }

    /**
     * Whether the Data view is on screen. The project's own data is read only then, so opening
     * a project never waits for (or spends memory on) a dataset nobody looks at.
     */
    public void setActive(boolean on) {
        active = on;
        if (on) {
            readProjectData();
        }
    }

    /**
     * Reads the user's choice and, when that works, makes it the project's data.
     *
     * @return completes on the FX thread once the preview is shown, or with the failure
     */
    public CompletableFuture<DataPreview> apply(DataChoice choice) {
        return read(choice.section(projectFolder()), true);
    }

    /** The folder relative paths in the section are resolved against; null while the project has no file. */
    public Path projectFolder() {
        Path file = session.fileProperty().get();
        return file == null ? null : file.toAbsolutePath().getParent();
    }

    /** Shows why a choice cannot be read yet ("Choose the file for CSV table first."). */
    public void refuse(String reason) {
        error.set(reason);
    }

    /** Reads the project's data section unless it is already shown; completes at once when there is nothing to read. */
    public CompletableFuture<DataPreview> readProjectData() {
        JsonNode data = session.sectionsProperty().get().get(SECTION);
        if (data == null || (preview.get() != null && data.equals(section.get()))) {
            return CompletableFuture.completedFuture(preview.get());
        }
        if (running != null && data.equals(section.get())) {
            return CompletableFuture.completedFuture(null); // already being read
        }
        return read(data, false);
    }

    private void projectChanged(Map<String, JsonNode> sections) {
        JsonNode data = sections.get(SECTION);
        if (data != null && data.equals(section.get())) {
            return; // our own apply coming back, or the same data in another project
        }
        cancelRunning();
        dataset = null;
        readWith = null;
        preview.set(null);
        check.set(null);
        error.set("");
        section.set(data);
        status.set(data == null ? "This project has no data yet: choose a source and read it." : "");
        if (active && data != null) {
            read(data, false);
        }
    }

    private void graphChanged(GraphAnalysis analysis) {
        if (dataset == null) {
            return;
        }
        DataRequest request = InputBinding.request(analysis, seed());
        if (request.equals(readWith)) {
            check.set(ModelCheck.of(analysis, dataset));
        } else if (running == null) {
            // The inputs now ask for another picture size or text length: read as training would.
            read(section.get(), false);
        }
    }

    private CompletableFuture<DataPreview> read(JsonNode data, boolean store) {
        CompletableFuture<DataPreview> done = new CompletableFuture<>();
        Path folder = projectFolder();
        DatasetReader reader;
        try {
            reader = DataSources.reader(data, folder == null ? Path.of("") : folder);
        } catch (IOException e) {
            error.set(e.getMessage());
            done.completeExceptionally(e);
            return done;
        }
        cancelRunning();
        DataRequest request = InputBinding.request(session.designer().analysis(), seed());
        String what = data.path("source").asText("data");
        Task<Read> task = new Task<>() {
            @Override
            protected Read call() throws Exception {
                Dataset d = reader.read(request);
                return new Read(data, d, DataPreview.of(d, SAMPLES), request);
            }
        };
        running = task;
        busy.set(true);
        error.set("");
        status.set("Reading " + what + "…");
        task.setOnSucceeded(e -> {
            if (running != task) {
                return;
            }
            finished();
            Read r = task.getValue();
            dataset = r.dataset();
            readWith = r.request();
            section.set(r.section());
            preview.set(r.preview());
            check.set(ModelCheck.of(session.designer().analysis(), dataset));
            if (store) {
                session.putSection(SECTION, r.section());
            }
            done.complete(r.preview());
        });
        task.setOnFailed(e -> {
            if (running == task) {
                finished();
                Throwable t = task.getException();
                error.set(oneLine(t));
            }
            done.completeExceptionally(task.getException());
        });
        task.setOnCancelled(e -> done.cancel(false));
        io.execute(task);
        return done;
    }

    private void finished() {
        running = null;
        busy.set(false);
        status.set("");
    }

    private void cancelRunning() {
        if (running != null) {
            Task<Read> old = running;
            finished();
            old.cancel(false); // a reader cannot be stopped half-way; its result is dropped
        }
    }

    /** The training seed, so the preview's splits are the ones training will use. */
    private long seed() {
        JsonNode training = session.sectionsProperty().get().get("training");
        try {
            return training != null ? TrainingSection.read(training).seed() : TrainingSettings.defaults().seed();
        } catch (RuntimeException e) {
            return TrainingSettings.defaults().seed(); // a bad training section is the Train view's to report
        }
    }

    private static String oneLine(Throwable t) {
        String m = t.getMessage();
        if (m == null || m.isBlank()) {
            m = t.getClass().getSimpleName();
        }
        return m.lines().findFirst().orElse(m);
    }
}
