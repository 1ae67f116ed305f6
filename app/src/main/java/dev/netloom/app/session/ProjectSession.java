package dev.netloom.app.session;

import com.fasterxml.jackson.databind.JsonNode;
import dev.netloom.designer.model.DesignerModel;
import dev.netloom.graph.Graph;
import dev.netloom.graph.project.BlockSection;
import dev.netloom.graph.project.Project;
import dev.netloom.graph.project.ProjectFile;
import dev.netloom.graph.project.ProjectFormatException;
import dev.netloom.graph.project.SearchSection;
import dev.netloom.graph.search.SearchSpace;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * The open project: which file it lives in, its other sections, whether it has unsaved
 * changes, and saving, autosaving and recovery. The graph itself is edited through the
 * designer's model; this class snapshots it on the FX thread and writes on the {@code io}
 * executor, then reports back on the {@code fx} executor.
 *
 * <p>Autosave writes {@code NAME.netloom.autosave} beside the project (or
 * {@code untitled.netloom.autosave} in the Netloom home for a project never saved). Saving or
 * closing without saving deletes it; finding one newer than its project means the studio did
 * not close cleanly, and the window offers to recover it.
 */
public final class ProjectSession {

    /** The autosave file's suffix, added to the project file's name. */
    public static final String AUTOSAVE_SUFFIX = ".autosave";

    private final ProjectFile projectFile;
    private final DesignerModel designer;
    private final Path home;
    private final Executor io;
    private final Executor fx;
    private final ReadOnlyObjectWrapper<Path> file = new ReadOnlyObjectWrapper<>(this, "file");
    private final ReadOnlyStringWrapper name = new ReadOnlyStringWrapper(this, "name", "Untitled");
    private final ReadOnlyBooleanWrapper recoveredUnsaved = new ReadOnlyBooleanWrapper(this, "recoveredUnsaved");
    private final ReadOnlyBooleanWrapper dirty = new ReadOnlyBooleanWrapper(this, "dirty");
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title");
    private final ReadOnlyBooleanWrapper blocksExpanded = new ReadOnlyBooleanWrapper(this, "blocksExpanded");
    private final ReadOnlyBooleanWrapper sectionsModified = new ReadOnlyBooleanWrapper(this, "sectionsModified");
    private final ReadOnlyObjectWrapper<Map<String, JsonNode>> sections = new ReadOnlyObjectWrapper<>(this, "sections",
            Map.of());
    private Project project = Project.of("Untitled", Graph.EMPTY);

    /**
     * @param home the Netloom home, where an untitled project autosaves
     * @param io where files are written and read
     * @param fx where results are applied: the FX thread in the studio
     */
    public ProjectSession(ProjectFile projectFile, DesignerModel designer, Path home, Executor io, Executor fx) {
        this.projectFile = projectFile;
        this.designer = designer;
        this.home = home;
        this.io = io;
        this.fx = fx;
        dirty.bind(designer.modifiedProperty().or(recoveredUnsaved).or(sectionsModified));
        title.bind(Bindings.createStringBinding(() -> (dirty.get() ? "• " : "") + name.get() + " — Netloom Studio",
                dirty, name));
    }

    public ReadOnlyObjectProperty<Path> fileProperty() {
        return file.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty nameProperty() {
        return name.getReadOnlyProperty();
    }

    /** Whether there are changes that are not in the project file. */
    public ReadOnlyBooleanProperty dirtyProperty() {
        return dirty.getReadOnlyProperty();
    }

    /** The window title: "• name — Netloom Studio" while unsaved. */
    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    public DesignerModel designer() {
        return designer;
    }

    /**
     * The project's sections other than the graph ({@code data}, {@code training}, ...), as
     * opened or as last changed by {@link #putSection}; a new map on every change.
     */
    public ReadOnlyObjectProperty<Map<String, JsonNode>> sectionsProperty() {
        return sections.getReadOnlyProperty();
    }

    /**
     * Replaces one section (the Data view's {@code data}, for example) and marks the project
     * modified, so Save writes it. Not an undo step: undo follows the graph's edits only.
     * Call it on the fx thread.
     */
    public void putSection(String key, JsonNode value) {
        if (value.equals(project.sections().get(key))) {
            return; // the same section again changes nothing and is not an unsaved change
        }
        project = project.withSection(key, value);
        sectionsModified.set(true);
        sections.set(project.sections());
    }

    /**
     * Whether the open project's file uses blocks that the designer shows as plain layers: the
     * designer cannot show a block use yet (issue 18's designer part), so the graph is expanded on
     * opening and saving writes the layers. The window says so in a notice.
     */
    public ReadOnlyBooleanProperty blocksExpandedProperty() {
        return blocksExpanded.getReadOnlyProperty();
    }

    /** Starts editing a project (new from a template, or just read from {@code source}, which may be null). */
    public void start(Project newProject, Path source) {
        start(newProject, source, java.util.function.UnaryOperator.identity());
    }

    /**
     * Starts editing a project; when it uses blocks, its expansion is passed through {@code layout}
     * first (the copies of a block would otherwise sit on the cards drawn after it).
     */
    public void start(Project newProject, Path source, java.util.function.UnaryOperator<Project> layout) {
        boolean uses = dev.netloom.graph.block.BlockExpansion.hasUses(newProject.graph());
        Project plain = plainLayers(newProject);
        blocksExpanded.set(uses);
        newProject = uses && plain != newProject ? layout.apply(plain) : plain;
        project = newProject;
        sectionsModified.set(false);
        sections.set(newProject.sections());
        file.set(source);
        name.set(source != null ? baseName(source) : newProject.name().isBlank() ? "Untitled" : newProject.name());
        recoveredUnsaved.set(false);
        designer.reset(newProject.graph(), searchOf(newProject));
        designer.document().markSaved();
        designer.markSaved();
    }

    /**
     * Starts editing a recovered autosave of {@code source} (null for an untitled project): the
     * recovered graph, marked unsaved until it is saved.
     */
    public void startRecovered(Project recovered, Path source) {
        start(recovered, source);
        if (source == null) {
            name.set(recovered.name().isBlank() ? "Untitled" : recovered.name());
        }
        recoveredUnsaved.set(true);
    }

    /** The project as it is now: the designer's graph and search space with the other sections as opened. */
    public Project snapshot() {
        return SearchSection.write(project.withGraph(designer.graph()).withName(name.get()), designer.search());
    }

    /** The project with its blocks expanded; its file was checked when read, so a failure here leaves it as it is. */
    private Project plainLayers(Project p) {
        try {
            return BlockSection.flatten(p, projectFile.catalog());
        } catch (ProjectFormatException e) {
            return p;
        }
    }

    /** The searchable parameters of a project; its file was checked when read, so a failure here means none. */
    private SearchSpace searchOf(Project p) {
        try {
            return SearchSection.of(p, projectFile.catalog());
        } catch (ProjectFormatException e) {
            return SearchSpace.EMPTY;
        }
    }

    /** Reads a project file on the io executor. */
    public CompletableFuture<Project> read(Path source) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return projectFile.read(source);
            } catch (ProjectFormatException e) {
                throw new CompletionException(e);
            }
        }, io);
    }

    /**
     * Saves to {@code target} (the current file, or a new one for "save as"): snapshots now,
     * writes atomically on the io executor, then marks the session saved on the fx executor
     * unless the graph changed meanwhile.
     */
    public CompletableFuture<Path> save(Path target) {
        Project snap = snapshot();
        Graph written = snap.graph();
        SearchSpace writtenSearch = designer.search();
        Path oldAutosave = autosaveFile();
        return CompletableFuture.supplyAsync(() -> {
            try {
                projectFile.write(snap, target);
                Files.deleteIfExists(oldAutosave);
                Files.deleteIfExists(autosaveFileOf(target));
                return target;
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        }, io).thenApplyAsync(path -> {
            file.set(path);
            name.set(baseName(path));
            // The snapshot's sections carry the search section the designer owns: compare like with like.
            if (SearchSection.write(project, writtenSearch).sections().equals(snap.sections())) {
                sectionsModified.set(false);
            }
            project = project.withName(snap.name());
            recoveredUnsaved.set(false);
            if (designer.graph().equals(written) && designer.search().equals(writtenSearch)) {
                designer.markSaved();
            }
            return path;
        }, fx);
    }

    /**
     * Saves on the calling thread: only for closing the window, which must not go before the
     * file is written (a project file is small; the write takes milliseconds).
     */
    public void saveNow(Path target) throws IOException {
        Project snap = snapshot();
        Path oldAutosave = autosaveFile();
        projectFile.write(snap, target);
        Files.deleteIfExists(oldAutosave);
        Files.deleteIfExists(autosaveFileOf(target));
        file.set(target);
        name.set(baseName(target));
        project = snap;
        sectionsModified.set(false);
        recoveredUnsaved.set(false);
        designer.markSaved();
    }

    /** Where this project autosaves. */
    public Path autosaveFile() {
        Path f = file.get();
        return f == null ? home.resolve("untitled" + ProjectFile.EXTENSION + AUTOSAVE_SUFFIX) : autosaveFileOf(f);
    }

    /** The autosave file that belongs to a project file. */
    public static Path autosaveFileOf(Path projectFile) {
        return projectFile.resolveSibling(projectFile.getFileName() + AUTOSAVE_SUFFIX);
    }

    /**
     * Writes the autosave file if there are unsaved changes; call it from the fx thread (a
     * timer does, every minute).
     *
     * @return completes with true when a file was written
     */
    public CompletableFuture<Boolean> autosave() {
        if (!dirty.get()) {
            return CompletableFuture.completedFuture(false);
        }
        Project snap = snapshot();
        Path target = autosaveFile();
        return CompletableFuture.supplyAsync(() -> {
            try {
                projectFile.write(snap, target);
                return true;
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        }, io);
    }

    /** Removes the autosave file: the user chose not to keep the changes. */
    public void discardAutosave() {
        try {
            Files.deleteIfExists(autosaveFile());
        } catch (IOException e) {
            // Best effort: a stale autosave is only offered again, never applied silently.
        }
    }

    /**
     * The autosave left for {@code source} (null: the untitled one) by a session that did not
     * close cleanly: present when the autosave exists and is newer than the project file.
     */
    public Optional<Project> recoverable(Path source) {
        Path autosave = source == null ? home.resolve("untitled" + ProjectFile.EXTENSION + AUTOSAVE_SUFFIX)
                : autosaveFileOf(source);
        try {
            if (!Files.isRegularFile(autosave)) {
                return Optional.empty();
            }
            if (source != null && Files.isRegularFile(source)) {
                FileTime saved = Files.getLastModifiedTime(source);
                if (Files.getLastModifiedTime(autosave).compareTo(saved) < 0) {
                    return Optional.empty();
                }
            }
            return Optional.of(projectFile.read(autosave));
        } catch (IOException | ProjectFormatException e) {
            return Optional.empty(); // an unreadable autosave is not worth an error at start-up
        }
    }

    private static String baseName(Path f) {
        String n = f.getFileName().toString();
        return n.endsWith(ProjectFile.EXTENSION) ? n.substring(0, n.length() - ProjectFile.EXTENSION.length()) : n;
    }
}
