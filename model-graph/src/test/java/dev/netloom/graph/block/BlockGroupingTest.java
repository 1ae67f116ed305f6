package dev.netloom.graph.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netloom.graph.Graph;
import dev.netloom.graph.Node;
import dev.netloom.graph.PortRef;
import dev.netloom.graph.analysis.GraphAnalysis;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

class BlockGroupingTest {

    static final BlockGrouping GROUPING = new BlockGrouping(BlockExpansionTest.CATALOG);

    /** TWO_USES expanded: plain layers stem -> a/..., a#2/..., a#3/..., b/... -> gap. */
    static Graph plain() throws Exception {
        Graph flat = BlockExpansionTest.flat(BlockExpansionTest.TWO_USES);
        Graph byHand = flat;
        // Name the layers as a person would have drawn them, so grouping starts from drawn ids.
        for (Node n : flat.nodes()) {
            if (!Node.isDrawnId(n.id())) {
                byHand = rename(byHand, n.id(), n.id().replace("#", "_").replace("/", "_"));
            }
        }
        return byHand;
    }

    static Graph rename(Graph g, String from, String to) {
        return new Graph(g.nodes().stream().map(n -> n.id().equals(from) ? n.withId(to) : n).toList(),
                g.edges().stream().map(e -> new dev.netloom.graph.Edge(
                        e.from().nodeId().equals(from) ? new PortRef(to, e.from().port()) : e.from(),
                        e.to().nodeId().equals(from) ? new PortRef(to, e.to().port()) : e.to())).toList());
    }

    @Test
    void groupingThenExpandingKeepsEveryCost() throws Exception {
        Graph g = plain();
        GraphAnalysis before = BlockExpansionTest.ANALYZER.analyze(g);
        Set<String> sel = Set.of("b_c1", "b_bn1", "b_act1", "b_c2", "b_add", "b_act2");
        BlockGrouping.Grouped grouped = GROUPING.group(g, sel, "res", "last");
        BlockDefinition d = grouped.definition();
        // One outside output fed both the first convolution and the residual add: one input port.
        assertThat(d.inputs()).containsOnlyKeys("in");
        assertThat(d.inputs().get("in")).extracting(PortRef::toString).containsExactlyInAnyOrder("b_c1.in", "b_add.a");
        assertThat(d.outputs()).containsOnlyKeys("out");
        assertThat(grouped.graph().nodes()).extracting(Node::id).contains("last").doesNotContain("b_c1");
        Graph again = new BlockExpansion(BlockExpansionTest.CATALOG).expand(grouped.graph(), new BlockLibrary(java.util.Map.of("res", d)));
        GraphAnalysis after = BlockExpansionTest.ANALYZER.analyze(again);
        assertThat(after.isValid()).isTrue();
        assertThat(after.total()).isEqualTo(before.total());
        assertThat(again.hasNode("last/b_act2")).isTrue();
    }

    @Test
    void ungroupingAUseGivesItsLayersWithDrawnIds() throws Exception {
        var p = BlockExpansionTest.FILES.parse(BlockExpansionTest.TWO_USES, "u.netloom");
        BlockLibrary lib = dev.netloom.graph.project.BlockSection.library(p, BlockExpansionTest.CATALOG);
        Graph g = GROUPING.ungroup(p.graph(), lib, "a");
        assertThat(g.nodes()).extracting(Node::id).contains("a_c1", "a_2_c1", "a_3_act2", "b").doesNotContain("a");
        assertThat(g.nodes()).allMatch(n -> Node.isDrawnId(n.id()));
        // b is still a use; expanding it gives the model the file describes.
        Graph flat = new BlockExpansion(BlockExpansionTest.CATALOG).expand(g, lib);
        assertThat(BlockExpansionTest.ANALYZER.analyze(flat).total())
                .isEqualTo(BlockExpansionTest.ANALYZER.analyze(BlockExpansionTest.flat(BlockExpansionTest.TWO_USES)).total());
    }

    @Test
    void inputsHeadsAndEmptySelectionsCannotBeGrouped() throws Exception {
        Graph g = plain();
        assertThatThrownBy(() -> GROUPING.group(g, Set.of(), "x", "u")).hasMessage("select the layers to group into a block");
        assertThatThrownBy(() -> GROUPING.group(g, Set.of("image", "stem"), "x", "u"))
                .hasMessage("image is an input, which stays in the graph: the data decides its size");
        assertThatThrownBy(() -> GROUPING.group(g, Set.of("stem"), "x", "gap"))
                .hasMessageContaining("\"gap\" cannot name the block's use");
        assertThat(List.of(GROUPING.group(g, Set.of("stem"), "x", "stem").graph().hasNode("stem"))).containsExactly(true);
    }
}
