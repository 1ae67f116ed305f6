package dev.netloom.graph.edit;

import dev.netloom.graph.Edge;
import dev.netloom.graph.Graph;
import dev.netloom.graph.Node;
import dev.netloom.graph.Position;
import dev.netloom.graph.catalog.LayerCatalog;
import dev.netloom.graph.search.Range;
import dev.netloom.graph.search.SearchSpace;
import dev.netloom.graph.search.SearchTarget;
import dev.netloom.graph.search.SearchableParameter;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Searchability is edited, undone and redone in the same history as the graph. */
class GraphDocumentSearchTest {

    private static final SearchTarget UNITS = SearchTarget.node("fc1", "units");
    private static final SearchableParameter WIDE = new SearchableParameter(UNITS, new Range.IntRange(64, 256, 1, true));

    private final LayerCatalog catalog = LayerCatalog.standard();
    private final Graph graph = new Graph(List.of(
            new Node("image", "Image", Map.of(), Position.ORIGIN, ""),
            new Node("flat", "Flatten", Map.of(), Position.ORIGIN, ""),
            new Node("fc1", "Dense", Map.of("units", 128), Position.ORIGIN, "")),
            List.of(Edge.of("image.out", "flat.in"), Edge.of("flat.out", "fc1.in")));
    private final GraphDocument doc = new GraphDocument(catalog, graph);

    @Test
    void markingSearchableIsOneUndoStepThatLeavesTheGraphAlone() {
        List<SearchSpace> heard = new ArrayList<>();
        List<Graph> graphs = new ArrayList<>();
        doc.addSearchListener(heard::add);
        doc.addListener(graphs::add);

        assertThat(doc.apply(new SetSearchRange(WIDE)).applied()).isTrue();
        assertThat(doc.search().find(UNITS)).contains(WIDE);
        assertThat(doc.undoDescription()).contains("search fc1.units");
        assertThat(doc.isModified()).isTrue();

        doc.undo();
        assertThat(doc.search()).isEqualTo(SearchSpace.EMPTY);
        assertThat(doc.isModified()).isFalse();
        doc.redo();
        assertThat(doc.search().find(UNITS)).contains(WIDE);
        assertThat(heard).hasSize(3);
        assertThat(graphs).isEmpty();
        assertThat(doc.graph()).isSameAs(graph);
    }

    @Test
    void aRangeTheParameterDoesNotAllowIsRefusedAndChangesNothing() {
        var r = doc.apply(new SetSearchRange(new SearchableParameter(UNITS, new Range.IntRange(64, 100000, 1, false))));

        assertThat(r.refusal()).contains("high: 100000 is above units' maximum 65536");
        assertThat(doc.search().isEmpty()).isTrue();
        assertThat(doc.canUndo()).isFalse();
    }

    @Test
    void deletingANodeDropsItsEntriesAndUndoingTheDeleteBringsThemBack() {
        doc.apply(new SetSearchRange(WIDE));
        doc.apply(new SetSearchRange(new SearchableParameter(SearchTarget.training("batchSize"),
                new Range.IntRange(16, 128, 16, false))));

        doc.apply(new RemoveNodes(Set.of("fc1")));
        assertThat(doc.search().contains(UNITS)).isFalse();
        assertThat(doc.search().parameters()).hasSize(1);

        doc.undo();
        assertThat(doc.graph().hasNode("fc1")).isTrue();
        assertThat(doc.search().find(UNITS)).contains(WIDE);
    }

    @Test
    void stoppingAndChangingAreUndoneInOrderWithGraphEdits() {
        doc.apply(new SetSearchRange(WIDE));
        doc.apply(new SetParam("fc1", "units", 200));
        doc.apply(new SetSearchRange(new SearchableParameter(UNITS, new Range.IntRange(100, 300, 1, false))));
        doc.apply(new StopSearching(UNITS));
        assertThat(doc.apply(new StopSearching(UNITS)).refusal()).contains("fc1.units is not searched");

        doc.undo();
        assertThat(doc.search().find(UNITS).orElseThrow().range()).isEqualTo(new Range.IntRange(100, 300, 1, false));
        doc.undo();
        assertThat(doc.search().find(UNITS)).contains(WIDE);
        doc.undo();
        assertThat(doc.graph().requireNode("fc1").params().get("units")).isEqualTo(128);
        assertThat(doc.search().find(UNITS)).contains(WIDE);
    }

    @Test
    void resetKeepsOnlyEntriesOfNodesTheGraphHasAndIsTheSavedState() {
        SearchSpace space = new SearchSpace(List.of(WIDE, new SearchableParameter(SearchTarget.node("gone", "units"),
                new Range.IntRange(1, 2, 1, false))));

        doc.reset(graph, space);

        assertThat(doc.search().parameters()).containsExactly(WIDE);
        assertThat(doc.isModified()).isFalse();
        assertThat(doc.canUndo()).isFalse();
    }
}
