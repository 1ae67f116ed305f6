package dev.netloom.designer.model;

import dev.netloom.graph.Edge;
import dev.netloom.graph.Graph;
import dev.netloom.graph.Node;
import dev.netloom.graph.PortRef;
import dev.netloom.graph.Position;
import dev.netloom.graph.analysis.Fix;
import dev.netloom.graph.analysis.GraphAnalysis;
import dev.netloom.graph.analysis.GraphAnalyzer;
import dev.netloom.graph.edit.AddFragment;
import dev.netloom.graph.edit.AddNode;
import dev.netloom.graph.edit.CompoundEdit;
import dev.netloom.graph.edit.Connect;
import dev.netloom.graph.edit.EditRefusedException;
import dev.netloom.graph.edit.ConnectionRules;
import dev.netloom.graph.edit.Edit;
import dev.netloom.graph.edit.EditResult;
import dev.netloom.graph.edit.GraphDocument;
import dev.netloom.graph.edit.InsertOnEdge;
import dev.netloom.graph.edit.MoveNodes;
import dev.netloom.graph.edit.RemoveNodes;
import dev.netloom.graph.edit.SetLabel;
import dev.netloom.graph.edit.SearchEdit;
import dev.netloom.graph.edit.SetParam;
import dev.netloom.graph.edit.SetSearchRange;
import dev.netloom.graph.edit.StopSearching;
import dev.netloom.graph.catalog.LayerSpec;
import dev.netloom.graph.catalog.ParamSpec;
import dev.netloom.graph.search.DefaultRanges;
import dev.netloom.graph.search.Range;
import dev.netloom.graph.search.SearchRangeException;
import dev.netloom.graph.search.SearchRules;
import dev.netloom.graph.search.SearchSpace;
import dev.netloom.graph.search.SearchTarget;
import dev.netloom.graph.search.SearchableParameter;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableSet;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The designer's view-model: the document being edited, its latest analysis, the selection,
 * and every action a gesture can take. Views bind to its read-only properties and call its
 * methods; it never touches a view, so it is tested without a window.
 *
 * <p>The graph is analysed once per change of the document (not per node, not per redraw);
 * every view reads that one {@link GraphAnalysis}. Which parameters the search may change is the
 * document's {@link SearchSpace}, changed only through {@link #setSearchable} and
 * {@link #setSearchRange}, in the same undo history as graph edits (see {@link GraphDocument}).
 * Call it from the FX thread only.
 */
public final class DesignerModel {

    /** How far a paste or duplicate lands from the original, in canvas units. */
    public static final double PASTE_OFFSET = 40;

    private final GraphDocument document;
    private final GraphAnalyzer analyzer;
    private final ReadOnlyObjectWrapper<GraphAnalysis> analysis = new ReadOnlyObjectWrapper<>(this, "analysis");
    private final ReadOnlyObjectWrapper<SearchSpace> search = new ReadOnlyObjectWrapper<>(this, "search");
    private final ReadOnlyObjectWrapper<CostSummary> cost = new ReadOnlyObjectWrapper<>(this, "cost", CostSummary.EMPTY);
    private final ObservableSet<String> selection = FXCollections.observableSet(new LinkedHashSet<>());
    private final ObservableSet<String> selectionView = FXCollections.unmodifiableObservableSet(selection);
    private final ReadOnlyStringWrapper selectedNode = new ReadOnlyStringWrapper(this, "selectedNode");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper(this, "canUndo");
    private final ReadOnlyBooleanWrapper canRedo = new ReadOnlyBooleanWrapper(this, "canRedo");
    private final ReadOnlyBooleanWrapper modified = new ReadOnlyBooleanWrapper(this, "modified");
    private final ReadOnlyStringWrapper undoText = new ReadOnlyStringWrapper(this, "undoText", "Undo");
    private final ReadOnlyStringWrapper redoText = new ReadOnlyStringWrapper(this, "redoText", "Redo");
    private final ReadOnlyObjectWrapper<Flow> flow = new ReadOnlyObjectWrapper<>(this, "flow", Flow.TOP_TO_BOTTOM);
    private final ReadOnlyBooleanWrapper messageIsError = new ReadOnlyBooleanWrapper(this, "messageIsError");
    private ConnectionRules rules;
    private AddFragment clipboard;
    private int pasteCount;

    public DesignerModel(GraphDocument document, GraphAnalyzer analyzer) {
        this.document = document;
        this.analyzer = analyzer;
        document.addListener(this::graphChanged);
        document.addSearchListener(this::searchChanged);
        graphChanged(document.graph());
        searchChanged(document.search());
        selection.addListener((javafx.collections.SetChangeListener<String>) c ->
                selectedNode.set(selection.size() == 1 ? selection.iterator().next() : null));
    }

    /** Which way the drawing reads; a file opened keeps the flow it was drawn in ({@link Flow#of}). */
    public ReadOnlyObjectProperty<Flow> flowProperty() {
        return flow.getReadOnlyProperty();
    }

    public Flow flow() {
        return flow.get();
    }

    /**
     * Changes which way cards read. Only the drawing changes (dots move to other sides); the
     * positions are the auto-layout's job, which the designer runs after.
     */
    public void setFlow(Flow next) {
        flow.set(next);
    }

    /** Whether the message is a refusal or error (shown red) rather than news of something done. */
    public ReadOnlyBooleanProperty messageIsErrorProperty() {
        return messageIsError.getReadOnlyProperty();
    }

    public GraphDocument document() {
        return document;
    }

    public Graph graph() {
        return document.graph();
    }

    /** The analysis of the current graph; replaced after every change. */
    public ReadOnlyObjectProperty<GraphAnalysis> analysisProperty() {
        return analysis.getReadOnlyProperty();
    }

    public GraphAnalysis analysis() {
        return analysis.get();
    }

    /** Which parameters the search may change; replaced after every change of it (and undo). */
    public ReadOnlyObjectProperty<SearchSpace> searchProperty() {
        return search.getReadOnlyProperty();
    }

    public SearchSpace search() {
        return search.get();
    }

    /** Totals for the cost bar. */
    public ReadOnlyObjectProperty<CostSummary> costProperty() {
        return cost.getReadOnlyProperty();
    }

    /** The ids of the selected nodes (read-only; change it with the select methods). */
    public ObservableSet<String> selection() {
        return selectionView;
    }

    /** The id of the one selected node, or null when none or several are selected. */
    public ReadOnlyStringProperty selectedNodeProperty() {
        return selectedNode.getReadOnlyProperty();
    }

    /** The last refusal or notice to show the user; empty when there is none. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canUndoProperty() {
        return canUndo.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canRedoProperty() {
        return canRedo.getReadOnlyProperty();
    }

    /** Whether the graph differs from what was last saved or opened. */
    public ReadOnlyBooleanProperty modifiedProperty() {
        return modified.getReadOnlyProperty();
    }

    /** "Undo add Conv2d", for a menu or a tooltip. */
    public ReadOnlyStringProperty undoTextProperty() {
        return undoText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty redoTextProperty() {
        return redoText.getReadOnlyProperty();
    }

    // ---- selection ----

    public void select(String nodeId) {
        selectAll(Set.of(nodeId));
    }

    /** Replaces the selection with the given ids (unknown ids are ignored). */
    public void selectAll(Collection<String> nodeIds) {
        Set<String> keep = new LinkedHashSet<>();
        for (String id : nodeIds) {
            if (graph().hasNode(id)) {
                keep.add(id);
            }
        }
        selection.retainAll(keep);
        selection.addAll(keep);
    }

    /** Adds or removes one node from the selection (shift-click). */
    public void toggleSelected(String nodeId) {
        if (!selection.remove(nodeId) && graph().hasNode(nodeId)) {
            selection.add(nodeId);
        }
    }

    public void clearSelection() {
        selection.clear();
    }

    // ---- edits: each is one undo step ----

    /** Applies an edit; a refusal becomes the message and is returned. */
    public EditResult apply(Edit edit) {
        EditResult result = document.apply(edit);
        say(result.refusal().orElse(""), result.refusal().isPresent());
        return result;
    }

    /** Adds a layer of a catalog type with its defaults at {@code position} and selects it. */
    public EditResult addLayer(String type, Position position) {
        // Near where it was dropped, but on no other card.
        Position free = document.catalog().find(type).isPresent()
                ? new Placement(document.catalog()).freeSpot(graph(), type, position) : position;
        AddNode add = AddNode.of(graph(), document.catalog(), type, free);
        EditResult result = apply(add);
        if (result.applied()) {
            select(add.node().id());
        }
        return result;
    }

    /** Why {@code from} may not be connected to {@code to}, or empty when it may: asked while a drag hovers. */
    public Optional<String> checkConnection(PortRef from, PortRef to) {
        return rules.check(from, to);
    }

    public EditResult connect(PortRef from, PortRef to) {
        return apply(new Connect(new Edge(from, to)));
    }

    /** Deletes the selected nodes and their edges in one step. */
    public EditResult deleteSelection() {
        if (selection.isEmpty()) {
            return notice("Select a layer to delete it");
        }
        return apply(new RemoveNodes(Set.copyOf(selection)));
    }

    /** Copies the selected nodes and the edges among them. */
    public void copySelection() {
        if (selection.isEmpty()) {
            notice("Select layers to copy them");
            return;
        }
        clipboard = AddFragment.copyOf(graph(), Set.copyOf(selection), 0, 0);
        pasteCount = 0;
        say("", false);
    }

    /** Whether there is something to paste. */
    public boolean canPaste() {
        return clipboard != null;
    }

    /** Pastes the copied nodes, a little further each time, and selects the copies. */
    public EditResult paste() {
        if (clipboard == null) {
            return notice("Nothing copied yet");
        }
        pasteCount++;
        double offset = PASTE_OFFSET * pasteCount;
        double[] free = new Placement(document.catalog()).freeOffset(graph(), clipboard.nodes(), offset, offset);
        return addFragment(new AddFragment(clipboard.nodes(), clipboard.edges(), free[0], free[1]));
    }

    /** Copies the selection next to itself in one step and selects the copies. */
    public EditResult duplicateSelection() {
        if (selection.isEmpty()) {
            return notice("Select layers to duplicate them");
        }
        AddFragment copy = AddFragment.copyOf(graph(), Set.copyOf(selection), PASTE_OFFSET, PASTE_OFFSET);
        double[] free = new Placement(document.catalog()).freeOffset(graph(), copy.nodes(), PASTE_OFFSET, PASTE_OFFSET);
        return addFragment(new AddFragment(copy.nodes(), copy.edges(), free[0], free[1]));
    }

    private EditResult addFragment(AddFragment fragment) {
        Map<String, String> ids = fragment.newIds(graph());
        EditResult result = apply(fragment);
        if (result.applied()) {
            selectAll(ids.values());
        }
        return result;
    }

    /** Moves nodes in one step: a whole drag, or a layout. */
    public EditResult moveNodes(Map<String, Position> positions) {
        if (positions.isEmpty()) {
            return notice("");
        }
        return apply(new MoveNodes(positions));
    }

    public EditResult setParam(String nodeId, String name, Object value) {
        return apply(new SetParam(nodeId, name, value));
    }

    public EditResult setLabel(String nodeId, String label) {
        return apply(new SetLabel(nodeId, label));
    }

    /** Applies an analyser fix (inserts the suggested layer on the edge) and selects the new layer. */
    public EditResult applyFix(Fix fix) {
        Set<String> before = graph().nodesById().keySet();
        EditResult result = apply(placedInsert(InsertOnEdge.of(fix)));
        if (result.applied()) {
            graph().nodes().stream().map(Node::id).filter(id -> !before.contains(id)).findFirst()
                    .ifPresent(this::select);
            say("Fixed: " + fix.description(), false);
        }
        return result;
    }

    /**
     * The insert and the moves that give the new card room ({@link Placement#insertBetween}), as
     * one edit; the plain insert when it would be refused anyway (the refusal then says why).
     */
    private Edit placedInsert(InsertOnEdge insert) {
        Graph g = graph();
        try {
            Graph after = insert.applyTo(g, document.catalog());
            String id = after.nodes().stream().map(Node::id).filter(n -> !g.hasNode(n)).findFirst().orElseThrow();
            Map<String, Position> moves = new Placement(document.catalog()).insertBetween(after,
                    insert.edge().from().nodeId(), id, insert.edge().to().nodeId(), flow.get());
            return new CompoundEdit(insert.description(), List.of(insert, new MoveNodes(moves)));
        } catch (EditRefusedException e) {
            return insert;
        }
    }

    // ---- searchable parameters: the one place the property sheet changes them ----

    /**
     * Marks a node's parameter searchable with its default range ({@link DefaultRanges}: near the
     * current value, inside what the parameter allows), or takes it out of the search.
     */
    public EditResult setSearchable(String nodeId, String param, boolean searchable) {
        SearchTarget target = SearchTarget.node(nodeId, param);
        if (!searchable) {
            return search().contains(target) ? apply(new StopSearching(target)) : notice("");
        }
        if (search().contains(target)) {
            return notice("");
        }
        Node node = graph().node(nodeId).orElse(null);
        ParamSpec spec = node == null ? null : paramSpec(node, param);
        if (spec == null) {
            return refuse("No parameter " + param + " on " + nodeId);
        }
        Range range;
        try {
            range = DefaultRanges.of(spec, node.params().get(param));
        } catch (SearchRangeException e) {
            return refuse(e.getMessage());
        }
        return apply(new SetSearchRange(new SearchableParameter(target, range)));
    }

    /** Changes the range of a searchable node parameter (marking it searchable if it was not). */
    public EditResult setSearchRange(String nodeId, String param, Range range) {
        return apply(new SetSearchRange(new SearchableParameter(SearchTarget.node(nodeId, param), range)));
    }

    /** The range the search uses for a node's parameter, if it is searchable. */
    public Optional<Range> searchRange(String nodeId, String param) {
        return search().find(SearchTarget.node(nodeId, param)).map(SearchableParameter::range);
    }

    /** Why a layer's parameter cannot be searched, or empty when it can (the sheet hides the toggle then). */
    public Optional<String> whyNotSearchable(LayerSpec layer, ParamSpec spec) {
        return Optional.ofNullable(SearchRules.whyNotSearchable(layer, spec));
    }

    /** Applies a change to the search space; a refusal becomes the message and is returned. */
    public EditResult apply(SearchEdit edit) {
        EditResult result = document.apply(edit);
        say(result.refusal().orElse(""), result.refusal().isPresent());
        return result;
    }

    private ParamSpec paramSpec(Node node, String param) {
        return document.catalog().find(node.type()).flatMap(l -> l.param(param)).orElse(null);
    }

    public boolean undo() {
        boolean done = document.undo();
        say(done ? "" : "Nothing to undo", false);
        return done;
    }

    public boolean redo() {
        boolean done = document.redo();
        say(done ? "" : "Nothing to redo", false);
        return done;
    }

    /** Replaces the whole graph (a file was opened), searching nothing; history is forgotten. */
    public void reset(Graph graph) {
        reset(graph, SearchSpace.EMPTY);
    }

    /** Replaces the graph and its search space (a file was opened); history is forgotten. */
    public void reset(Graph graph, SearchSpace searchSpace) {
        selection.clear();
        // Before the graph: the canvas draws the new cards once, with their dots on the right sides.
        flow.set(Flow.of(graph));
        document.reset(graph, searchSpace);
    }

    /** Records that the current graph was saved. */
    public void markSaved() {
        document.markSaved();
        modified.set(document.isModified());
    }

    private void say(String text, boolean error) {
        messageIsError.set(error);
        message.set(text);
    }

    private EditResult refuse(String text) {
        say(text, true);
        return new EditResult(false, Optional.of(text));
    }

    /** A hint or a no-op (not an error: shown in the neutral colour). */
    private EditResult notice(String text) {
        say(text, false);
        return new EditResult(false, text.isEmpty() ? Optional.empty() : Optional.of(text));
    }

    private void graphChanged(Graph graph) {
        GraphAnalysis a = analyzer.analyze(graph);
        rules = new ConnectionRules(a, document.catalog());
        selection.removeIf(id -> !graph.hasNode(id));
        analysis.set(a);
        cost.set(CostSummary.of(a));
        historyChanged();
    }

    private void searchChanged(SearchSpace space) {
        search.set(space);
        historyChanged();
    }

    private void historyChanged() {
        canUndo.set(document.canUndo());
        canRedo.set(document.canRedo());
        undoText.set(document.undoDescription().map(d -> "Undo " + d).orElse("Undo"));
        redoText.set(document.redoDescription().map(d -> "Redo " + d).orElse("Redo"));
        modified.set(document.isModified());
    }
}
