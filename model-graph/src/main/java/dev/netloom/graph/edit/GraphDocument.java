package dev.netloom.graph.edit;

import dev.netloom.graph.Graph;
import dev.netloom.graph.catalog.LayerCatalog;
import dev.netloom.graph.search.SearchSpace;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The one place a design being edited changes: it holds the current graph and its
 * {@link SearchSpace} (which parameters the automatic search may change), applies graph
 * {@link Edit}s and {@link SearchEdit}s, and keeps undo and redo. Views listen and redraw; they
 * never change the graph themselves. Because graphs and search spaces are immutable values, undo
 * keeps both as they were before each step, which makes every step exactly reversible.
 *
 * <p>Why the search space lives here, beside the graph, and not in a second history: the two
 * change together. Deleting a node drops its searchable parameters in the same step (a search
 * entry for a missing node would be an error), so undoing the delete must bring them back; and a
 * person pressing Ctrl+Z expects the last thing they did undone, whether it was a connection or a
 * "search" tick. One history of (graph, search space) pairs gives both for free; two histories
 * would need a compound step to tie them together. Graph edits stay pure functions of the graph:
 * the document prunes the search space after them.
 *
 * <p>Not thread-safe: the editor calls it from the UI thread, the CLI from its one thread.
 */
public final class GraphDocument {

    /** How many steps undo remembers. */
    public static final int HISTORY_LIMIT = 500;

    /** A state of the design: what undo goes back to. */
    private record State(Graph graph, SearchSpace search) {
    }

    private record Step(State before, State after, String description) {
    }

    private final LayerCatalog catalog;
    private final Deque<Step> undo = new ArrayDeque<>();
    private final Deque<Step> redo = new ArrayDeque<>();
    private final List<Consumer<Graph>> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<SearchSpace>> searchListeners = new CopyOnWriteArrayList<>();
    private State state;
    private State saved;

    /** A document with nothing searched. */
    public GraphDocument(LayerCatalog catalog, Graph graph) {
        this(catalog, graph, SearchSpace.EMPTY);
    }

    /**
     * @param search which parameters are searchable; entries of nodes {@code graph} lacks are dropped
     */
    public GraphDocument(LayerCatalog catalog, Graph graph, SearchSpace search) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.state = new State(Objects.requireNonNull(graph, "graph"), search.retainNodesOf(graph));
        this.saved = state;
    }

    public Graph graph() {
        return state.graph();
    }

    /** Which parameters the search may change, always consistent with {@link #graph()}. */
    public SearchSpace search() {
        return state.search();
    }

    public LayerCatalog catalog() {
        return catalog;
    }

    /**
     * Applies a graph edit; a refused edit changes nothing and says why. Searchable parameters of
     * nodes the edit removed are dropped in the same undo step.
     */
    public EditResult apply(Edit edit) {
        Graph after;
        try {
            after = edit.applyTo(graph(), catalog);
        } catch (EditRefusedException e) {
            return EditResult.refused(e.getMessage());
        } catch (IllegalArgumentException e) {
            // A value's own rule (a position too far out, an id too long) refuses the edit too.
            return EditResult.refused(e.getMessage());
        }
        return record(new State(after, search().retainNodesOf(after)), edit.description());
    }

    /** Applies a change to the search space; a refused one changes nothing and says why. */
    public EditResult apply(SearchEdit edit) {
        SearchSpace after;
        try {
            after = edit.applyTo(search(), graph(), catalog);
        } catch (EditRefusedException e) {
            return EditResult.refused(e.getMessage());
        } catch (IllegalArgumentException e) {
            return EditResult.refused(e.getMessage());
        }
        return record(new State(graph(), after), edit.description());
    }

    private EditResult record(State after, String description) {
        if (after.equals(state)) {
            return EditResult.APPLIED; // nothing changed: no undo step
        }
        undo.push(new Step(state, after, description));
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

    /** Reverts the last step; false when there is none. */
    public boolean undo() {
        Step step = undo.poll();
        if (step == null) {
            return false;
        }
        redo.push(step);
        set(step.before());
        return true;
    }

    /** Re-applies the last undone step; false when there is none. */
    public boolean redo() {
        Step step = redo.poll();
        if (step == null) {
            return false;
        }
        undo.push(step);
        set(step.after());
        return true;
    }

    /** Replaces the graph, searches nothing, and forgets history. */
    public void reset(Graph newGraph) {
        reset(newGraph, SearchSpace.EMPTY);
    }

    /** Replaces the graph and search space and forgets history, as when a file is opened. */
    public void reset(Graph newGraph, SearchSpace newSearch) {
        undo.clear();
        redo.clear();
        State next = new State(newGraph, newSearch.retainNodesOf(newGraph));
        saved = next;
        set(next, true);
    }

    /** Records that the current graph and search space are what is on disk. */
    public void markSaved() {
        saved = state;
    }

    /** True when the graph or the search space differs from what was last saved or opened. */
    public boolean isModified() {
        return !state.equals(saved);
    }

    /** Calls {@code listener} with the new graph after every change of the graph. */
    public void addListener(Consumer<Graph> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<Graph> listener) {
        listeners.remove(listener);
    }

    /**
     * Calls {@code listener} with the new search space after every change of it. When one step
     * changes both (undoing a delete), graph listeners are called first; both see the new state.
     */
    public void addSearchListener(Consumer<SearchSpace> listener) {
        searchListeners.add(listener);
    }

    public void removeSearchListener(Consumer<SearchSpace> listener) {
        searchListeners.remove(listener);
    }

    private void set(State next) {
        set(next, false);
    }

    /** @param always tell graph listeners even when the graph is the same (a reset: history changed) */
    private void set(State next, boolean always) {
        State before = state;
        state = next;
        if (always || next.graph() != before.graph()) {
            listeners.forEach(l -> l.accept(next.graph()));
        }
        if (!next.search().equals(before.search())) {
            searchListeners.forEach(l -> l.accept(next.search()));
        }
    }
}
