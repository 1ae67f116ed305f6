package dev.netloom.graph.edit;

import dev.netloom.graph.Graph;
import dev.netloom.graph.catalog.LayerCatalog;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The one place a graph being edited changes: it holds the current graph, applies
 * {@link Edit}s, and keeps undo and redo. Views listen and redraw; they never change the graph
 * themselves. Because graphs are immutable values, undo keeps the graph before each edit, which
 * makes every edit exactly reversible.
 *
 * <p>Not thread-safe: the editor calls it from the UI thread, the CLI from its one thread.
 */
public final class GraphDocument {

    /** How many steps undo remembers. */
    public static final int HISTORY_LIMIT = 500;

    private record Step(Graph before, Graph after, String description) {
    }

    private final LayerCatalog catalog;
    private final Deque<Step> undo = new ArrayDeque<>();
    private final Deque<Step> redo = new ArrayDeque<>();
    private final List<Consumer<Graph>> listeners = new CopyOnWriteArrayList<>();
    private Graph graph;
    private Graph saved;

    public GraphDocument(LayerCatalog catalog, Graph graph) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.graph = Objects.requireNonNull(graph, "graph");
        this.saved = graph;
    }

    public Graph graph() {
        return graph;
    }

    public LayerCatalog catalog() {
        return catalog;
    }

    /** Applies an edit; a refused edit changes nothing and says why. */
    public EditResult apply(Edit edit) {
        Graph after;
        try {
            after = edit.applyTo(graph, catalog);
        } catch (EditRefusedException e) {
            return EditResult.refused(e.getMessage());
        } catch (IllegalArgumentException e) {
            // A value's own rule (a position too far out, an id too long) refuses the edit too.
            return EditResult.refused(e.getMessage());
        }
        if (after.equals(graph)) {
            return EditResult.APPLIED; // nothing changed: no undo step
        }
        undo.push(new Step(graph, after, edit.description()));
        if (undo.size() > HISTORY_LIMIT) {
            undo.removeLast();
        }
        redo.clear();
        set(after);
        return EditResult.APPLIED;
    }

    public boolean canUndo() {
        return !undo.isEmpty();
    }

    public boolean canRedo() {
        return !redo.isEmpty();
    }

    /** What undo would revert, for a menu label: "add Conv2d". */
    public Optional<String> undoDescription() {
        return Optional.ofNullable(undo.peek()).map(Step::description);
    }

    public Optional<String> redoDescription() {
        return Optional.ofNullable(redo.peek()).map(Step::description);
    }

    /** Reverts the last edit; false when there is none. */
    public boolean undo() {
        Step step = undo.poll();
        if (step == null) {
            return false;
        }
        redo.push(step);
        set(step.before());
        return true;
    }

    /** Re-applies the last undone edit; false when there is none. */
    public boolean redo() {
        Step step = redo.poll();
        if (step == null) {
            return false;
        }
        undo.push(step);
        set(step.after());
        return true;
    }

    /** Replaces the graph and forgets history, as when a file is opened. */
    public void reset(Graph newGraph) {
        undo.clear();
        redo.clear();
        saved = newGraph;
        set(newGraph);
    }

    /** Records that the current graph is what is on disk. */
    public void markSaved() {
        saved = graph;
    }

    /** True when the graph differs from what was last saved or opened. */
    public boolean isModified() {
        return !graph.equals(saved);
    }

    /** Calls {@code listener} with the new graph after every change. */
    public void addListener(Consumer<Graph> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<Graph> listener) {
        listeners.remove(listener);
    }

    private void set(Graph newGraph) {
        graph = newGraph;
        listeners.forEach(l -> l.accept(newGraph));
    }
}
