package dev.netloom.designer.model;

import dev.netloom.designer.Graphs;
import dev.netloom.graph.Graph;
import dev.netloom.graph.PortRef;
import dev.netloom.graph.Position;
import dev.netloom.graph.analysis.Fix;
import dev.netloom.graph.analysis.GraphAnalyzer;
import dev.netloom.graph.catalog.LayerCatalog;
import dev.netloom.graph.edit.EditResult;
import dev.netloom.graph.edit.GraphDocument;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The designer's view-model, without a window. */
class DesignerModelTest {

    private static final LayerCatalog CATALOG = LayerCatalog.standard();

    private static DesignerModel model(Graph graph) {
        return new DesignerModel(new GraphDocument(CATALOG, graph), new GraphAnalyzer(CATALOG));
    }

    @Test
    void addingALayerSelectsItAndAnalysesOnce() {
        DesignerModel m = model(Graph.EMPTY);
        AtomicInteger analyses = new AtomicInteger();
        m.analysisProperty().addListener((o, a, b) -> analyses.incrementAndGet());

        EditResult r = m.addLayer("Conv2d", new Position(10, 20));

        assertThat(r.applied()).isTrue();
        assertThat(m.graph().nodes()).singleElement().satisfies(n -> {
            assertThat(n.type()).isEqualTo("Conv2d");
            assertThat(n.position()).isEqualTo(new Position(10, 20));
        });
        assertThat(m.selectedNodeProperty().get()).isEqualTo("conv2d");
        assertThat(analyses).hasValue(1);
        assertThat(m.canUndoProperty().get()).isTrue();
        assertThat(m.undoTextProperty().get()).isEqualTo("Undo add Conv2d");
        assertThat(m.modifiedProperty().get()).isTrue();
    }

    @Test
    void anIncompatibleConnectionIsRefusedWithTheReason() {
        DesignerModel m = model(Graph.EMPTY);
        m.addLayer("Image", new Position(0, 0));
        m.addLayer("Dense", new Position(300, 0));

        var reason = m.checkConnection(new PortRef("image", "out"), new PortRef("dense", "in"));
        EditResult r = m.connect(new PortRef("image", "out"), new PortRef("dense", "in"));

        assertThat(reason).hasValueSatisfying(s -> assertThat(s).contains("Dense takes", "image [N, 1, 28, 28]"));
        assertThat(r.applied()).isFalse();
        assertThat(m.messageProperty().get()).isEqualTo(reason.get());
        assertThat(m.graph().edges()).isEmpty();
    }

    @Test
    void theFixOfAShapeErrorRepairsTheModelAndUndoesInOneStep() {
        DesignerModel m = model(Graphs.missingFlatten());
        assertThat(m.costProperty().get().errors()).isEqualTo(1);
        Fix fix = m.analysis().problemsAt("fc1").get(0).fix().orElseThrow();

        m.applyFix(fix);

        assertThat(m.analysis().isValid()).isTrue();
        assertThat(m.selectedNodeProperty().get()).isEqualTo("flatten");
        assertThat(m.costProperty().get().parameters()).isGreaterThan(3_000_000); // Dense on 32x28x28 inputs
        m.undo();
        assertThat(m.graph()).isEqualTo(Graphs.missingFlatten());
        m.redo();
        assertThat(m.analysis().isValid()).isTrue();
    }

    @Test
    void duplicateCopiesTheSelectionWithItsInnerEdgesAndSelectsTheCopies() {
        DesignerModel m = model(Graphs.missingFlatten());
        m.selectAll(Set.of("conv1", "fc1"));

        m.duplicateSelection();

        assertThat(m.graph().nodes()).hasSize(6);
        // Copies get fresh ids from the original's stem (model-graph's AddFragment).
        assertThat(m.selection()).containsExactlyInAnyOrder("conv", "fc");
        assertThat(m.graph().edges()).anySatisfy(e -> assertThat(e.toString()).isEqualTo("conv.out -> fc.in"));
        // 40 down and right would cover the originals: the copies go on along the diagonal until free.
        assertThat(m.graph().requireNode("conv").position()).isEqualTo(new Position(436, 136));
        assertThat(new Placement(m.document().catalog()).noOverlaps(m.graph(), positions(m))).isTrue();
    }

    @Test
    void copyAndPasteLandFurtherEachTime() {
        DesignerModel m = model(Graphs.missingFlatten());
        m.select("conv1");
        m.copySelection();
        m.paste();
        m.paste();
        assertThat(m.graph().requireNode("conv").position()).isEqualTo(new Position(436, 136));
        assertThat(m.graph().requireNode("conv2").position()).isEqualTo(new Position(572, 272));
        assertThat(new Placement(m.document().catalog()).noOverlaps(m.graph(), positions(m))).isTrue();
        assertThat(m.selection()).containsExactly("conv2");
    }

    @Test
    void deleteRemovesTheSelectionAndItsEdgesInOneStep() {
        DesignerModel m = model(Graphs.missingFlatten());
        m.selectAll(Set.of("conv1", "fc1"));

        m.deleteSelection();

        assertThat(m.graph().nodes()).extracting(n -> n.id()).containsExactly("image", "answer");
        assertThat(m.graph().edges()).isEmpty();
        assertThat(m.selection()).isEmpty();
        m.undo();
        assertThat(m.graph()).isEqualTo(Graphs.missingFlatten());
    }

    @Test
    void movingSeveralNodesIsOneUndoStep() {
        DesignerModel m = model(Graphs.missingFlatten());
        m.moveNodes(Map.of("conv1", new Position(1, 2), "fc1", new Position(3, 4)));
        assertThat(m.graph().requireNode("fc1").position()).isEqualTo(new Position(3, 4));
        m.undo();
        assertThat(m.graph()).isEqualTo(Graphs.missingFlatten());
        assertThat(m.canUndoProperty().get()).isFalse();
    }

    @Test
    void anOutOfRangeParameterIsRefusedWithWhatIsAllowed() {
        DesignerModel m = model(Graphs.missingFlatten());
        EditResult r = m.setParam("fc1", "units", 0);
        assertThat(r.refusal()).hasValue("units must be an integer from 1 to 65536, got 0");
        assertThat(m.setParam("fc1", "units", 64).applied()).isTrue();
        assertThat(m.graph().requireNode("fc1").params()).containsEntry("units", 64);
    }

    @Test
    void savingClearsTheModifiedFlag() {
        DesignerModel m = model(Graphs.missingFlatten());
        m.setLabel("fc1", "features");
        assertThat(m.modifiedProperty().get()).isTrue();
        m.markSaved();
        assertThat(m.modifiedProperty().get()).isFalse();
    }

    @Test
    void costSummaryDescribesTheTotals() {
        DesignerModel m = model(Graphs.chain(5));
        CostSummary c = m.costProperty().get();
        // Flatten 784 -> Dense 32 -> Dense 32 -> 10 classes.
        assertThat(c.parameters()).isEqualTo(784 * 32 + 32 + 32 * 32 + 32 + 32 * 10 + 10);
        assertThat(c.fp32Bytes()).isEqualTo(4 * c.parameters());
        assertThat(c.int8Bytes()).isEqualTo(c.parameters());
        assertThat(c.describe()).startsWith("26.5K parameters");
    }

    private static Map<String, Position> positions(DesignerModel m) {
        Map<String, Position> p = new java.util.HashMap<>();
        m.graph().nodes().forEach(n -> p.put(n.id(), n.position()));
        return p;
    }
}
