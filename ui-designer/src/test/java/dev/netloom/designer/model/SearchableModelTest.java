package dev.netloom.designer.model;

import dev.netloom.designer.DesignerFixture;
import dev.netloom.graph.Edge;
import dev.netloom.graph.Graph;
import dev.netloom.graph.Node;
import dev.netloom.graph.Position;
import dev.netloom.graph.analysis.GraphAnalyzer;
import dev.netloom.graph.catalog.LayerCatalog;
import dev.netloom.graph.edit.GraphDocument;
import dev.netloom.graph.search.Range;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Searchability through the view-model: defaults, refusals, undo text, no re-analysis, MoE breakdown. */
class SearchableModelTest {

    private static final LayerCatalog CATALOG = LayerCatalog.standard();

    private static Graph dense() {
        return new Graph(List.of(
                new Node("image", "Image", Map.of(), Position.ORIGIN, ""),
                new Node("flat", "Flatten", Map.of(), Position.ORIGIN, ""),
                new Node("fc1", "Dense", Map.of("units", 128), Position.ORIGIN, ""),
                new Node("answer", "Classification", Map.of(), Position.ORIGIN, "")),
                List.of(Edge.of("image.out", "flat.in"), Edge.of("flat.out", "fc1.in"), Edge.of("fc1.out", "answer.in")));
    }

    private final DesignerModel model = new DesignerModel(new GraphDocument(CATALOG, dense()), new GraphAnalyzer(CATALOG));

    @Test
    void tickingSearchGivesTheDefaultRangeWithoutAnalysingTheGraphAgain() {
        AtomicInteger analyses = new AtomicInteger();
        model.analysisProperty().addListener((o, a, b) -> analyses.incrementAndGet());

        assertThat(model.setSearchable("fc1", "units", true).applied()).isTrue();

        assertThat(model.searchRange("fc1", "units")).contains(new Range.IntRange(64, 256, 1, true));
        assertThat(model.undoTextProperty().get()).isEqualTo("Undo search fc1.units");
        assertThat(model.modifiedProperty().get()).isTrue();
        assertThat(analyses).hasValue(0);
    }

    @Test
    void aRangeOutsideTheParameterIsRefusedWithTheFieldAndTheLimit() {
        model.setSearchable("fc1", "units", true);

        var r = model.setSearchRange("fc1", "units", new Range.IntRange(64, 100000, 1, false));

        assertThat(r.refusal()).contains("high: 100000 is above units' maximum 65536");
        assertThat(model.messageProperty().get()).isEqualTo("high: 100000 is above units' maximum 65536");
        assertThat(model.searchRange("fc1", "units")).contains(new Range.IntRange(64, 256, 1, true));
    }

    @Test
    void untickingAndUndoFollowTheSameHistory() {
        model.setSearchable("fc1", "units", true);
        model.setSearchable("fc1", "units", false);
        assertThat(model.searchRange("fc1", "units")).isEmpty();

        model.undo();
        assertThat(model.searchRange("fc1", "units")).isPresent();
        model.undo();
        assertThat(model.search().isEmpty()).isTrue();
        assertThat(model.modifiedProperty().get()).isFalse();
    }

    @Test
    void inputsAndHeadsCannotBeSearched() {
        var image = CATALOG.require("Image");
        assertThat(model.whyNotSearchable(image, image.param("width").orElseThrow())).isPresent();
        var dense = CATALOG.require("Dense");
        assertThat(model.whyNotSearchable(dense, dense.param("units").orElseThrow())).isEmpty();
    }

    @Test
    void theMoeBreakdownAddsUpToTheLayersCost() {
        Graph g = DesignerFixture.template("moe-transformer");
        var analysis = new GraphAnalyzer(CATALOG).analyze(g);
        Node moe = g.nodes().stream().filter(n -> n.type().equals("MoE")).findFirst().orElseThrow();
        var report = analysis.report(moe.id()).orElseThrow();

        MoeBreakdown b = MoeBreakdown.of(moe, CATALOG.require("MoE"), report);

        assertThat(b.totalParameters()).isEqualTo(b.routerParameters() + b.experts() * b.expertParameters());
        assertThat(b.activeParameters()).isEqualTo(b.routerParameters() + b.topK() * b.expertParameters());
        assertThat(b.totalParameters()).isEqualTo(report.cost().parameters());
    }
}
