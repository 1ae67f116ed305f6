package dev.netloom.graph.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netloom.graph.Graph;
import dev.netloom.graph.Node;
import dev.netloom.graph.analysis.GraphAnalysis;
import dev.netloom.graph.analysis.GraphAnalyzer;
import dev.netloom.graph.analysis.NodeReport;
import dev.netloom.graph.catalog.LayerCatalog;
import dev.netloom.graph.project.BlockSection;
import dev.netloom.graph.project.Project;
import dev.netloom.graph.project.ProjectFile;
import dev.netloom.graph.project.ProjectFormatException;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.TreeMap;

class BlockExpansionTest {

    static final LayerCatalog CATALOG = LayerCatalog.standard();
    static final ProjectFile FILES = new ProjectFile(CATALOG);
    static final GraphAnalyzer ANALYZER = new GraphAnalyzer(CATALOG);

    /** A residual block of two 3x3 convolutions; its width and the second activation are block parameters. */
    static final String RES = """
            "res": {
              "params": { "width": 8, "act": "ReLU" },
              "inputs": { "in": ["c1.in", "add.a"] },
              "outputs": { "out": "act2.out" },
              "nodes": [
                { "id": "c1", "type": "Conv2d", "params": { "filters": "$width", "kernel": 3, "padding": 1 } },
                { "id": "bn1", "type": "BatchNorm" },
                { "id": "act1", "type": "Activation", "params": { "function": "ReLU" } },
                { "id": "c2", "type": "Conv2d", "params": { "filters": "$width", "kernel": 3, "padding": 1 } },
                { "id": "add", "type": "Add" },
                { "id": "act2", "type": "Activation", "params": { "function": "$act" } }
              ],
              "edges": [
                { "from": "c1.out", "to": "bn1.in" }, { "from": "bn1.out", "to": "act1.in" },
                { "from": "act1.out", "to": "c2.in" }, { "from": "c2.out", "to": "add.b" },
                { "from": "add.out", "to": "act2.in" }
              ]
            }""";

    static String project(String uses, String edges) {
        return """
                { "schemaVersion": 1, "name": "blocks",
                  "graph": {
                    "nodes": [
                      { "id": "image", "type": "Image", "params": { "height": 8, "width": 8, "channels": 3 } },
                      { "id": "stem", "type": "Conv2d", "params": { "filters": 8, "kernel": 3, "padding": 1 } },
                      %s,
                      { "id": "gap", "type": "GlobalAvgPool" },
                      { "id": "classes", "type": "Classification", "params": { "classes": 4 } }
                    ],
                    "edges": [
                      { "from": "image.out", "to": "stem.in" },
                      %s,
                      { "from": "gap.out", "to": "classes.in" }
                    ]
                  },
                  "blocks": { %s }
                }
                """.formatted(uses, edges, RES);
    }

    /** Two uses of one block: the first repeated three times, the second once with its own activation. */
    static final String TWO_USES = project("""
            { "id": "a", "type": "Block", "params": { "block": "res", "repeat": 3 } },
            { "id": "b", "type": "Block", "params": { "block": "res", "act": "GELU" } }""", """
            { "from": "stem.out", "to": "a.in" }, { "from": "a.out", "to": "b.in" }, { "from": "b.out", "to": "gap.in" }""");

    static Graph flat(String json) throws ProjectFormatException {
        return BlockSection.flatten(FILES.parse(json, "blocks.netloom"), CATALOG).graph();
    }

    @Test
    void aBlockUsedTwiceAndRepeatedBecomesNamedCopiesChainedInOrder() throws Exception {
        Graph g = flat(TWO_USES);
        assertThat(g.nodes()).extracting(Node::id).contains("a/c1", "a#2/c1", "a#3/act2", "b/c1", "b/act2")
                .doesNotContain("a", "b", "a#4/c1");
        assertThat(g.nodes()).hasSize(4 + 6 * 4);
        // stem feeds the first copy's convolution and its residual add; each copy feeds the next; the last feeds b.
        assertThat(g.edgeInto(dev.netloom.graph.PortRef.parse("a/c1.in")).orElseThrow().from().toString()).isEqualTo("stem.out");
        assertThat(g.edgeInto(dev.netloom.graph.PortRef.parse("a/add.a")).orElseThrow().from().toString()).isEqualTo("stem.out");
        assertThat(g.edgeInto(dev.netloom.graph.PortRef.parse("a#2/c1.in")).orElseThrow().from().toString()).isEqualTo("a/act2.out");
        assertThat(g.edgeInto(dev.netloom.graph.PortRef.parse("b/add.a")).orElseThrow().from().toString()).isEqualTo("a#3/act2.out");
        assertThat(g.edgeInto(dev.netloom.graph.PortRef.parse("gap.in")).orElseThrow().from().toString()).isEqualTo("b/act2.out");
        assertThat(g.requireNode("b/act2").params().get("function")).isEqualTo("GELU");
        assertThat(g.requireNode("a#3/act2").params().get("function")).isEqualTo("ReLU");
        assertThat(g.requireNode("a/c2").params().get("filters")).isEqualTo(8);
        assertThat(ANALYZER.analyze(g).isValid()).as(ANALYZER.analyze(g).problems().toString()).isTrue();
    }

    @Test
    void costsEqualTheHandFlattenedGraph() throws Exception {
        GraphAnalysis blocks = ANALYZER.analyze(flat(TWO_USES));
        // The same model drawn layer by layer, as a person would without blocks.
        StringBuilder nodes = new StringBuilder();
        StringBuilder edges = new StringBuilder();
        String prev = "stem.out";
        String[] copies = {"a", "a#2", "a#3", "b"};
        for (int i = 0; i < copies.length; i++) {
            String p = "x" + i + "_";
            String act = copies[i].equals("b") ? "GELU" : "ReLU";
            nodes.append("""
                    { "id": "%1$sc1", "type": "Conv2d", "params": { "filters": 8, "kernel": 3, "padding": 1 } },
                    { "id": "%1$sbn1", "type": "BatchNorm" },
                    { "id": "%1$sact1", "type": "Activation", "params": { "function": "ReLU" } },
                    { "id": "%1$sc2", "type": "Conv2d", "params": { "filters": 8, "kernel": 3, "padding": 1 } },
                    { "id": "%1$sadd", "type": "Add" },
                    { "id": "%1$sact2", "type": "Activation", "params": { "function": "%2$s" } },
                    """.formatted(p, act));
            edges.append("""
                    { "from": "%2$s", "to": "%1$sc1.in" }, { "from": "%2$s", "to": "%1$sadd.a" },
                    { "from": "%1$sc1.out", "to": "%1$sbn1.in" }, { "from": "%1$sbn1.out", "to": "%1$sact1.in" },
                    { "from": "%1$sact1.out", "to": "%1$sc2.in" }, { "from": "%1$sc2.out", "to": "%1$sadd.b" },
                    { "from": "%1$sadd.out", "to": "%1$sact2.in" },
                    """.formatted(p, prev));
            prev = p + "act2.out";
        }
        String hand = """
                { "schemaVersion": 1, "graph": { "nodes": [
                  { "id": "image", "type": "Image", "params": { "height": 8, "width": 8, "channels": 3 } },
                  { "id": "stem", "type": "Conv2d", "params": { "filters": 8, "kernel": 3, "padding": 1 } },
                  %s
                  { "id": "gap", "type": "GlobalAvgPool" },
                  { "id": "classes", "type": "Classification", "params": { "classes": 4 } } ],
                  "edges": [ { "from": "image.out", "to": "stem.in" }, %s
                    { "from": "%s", "to": "gap.in" }, { "from": "gap.out", "to": "classes.in" } ] } }
                """.formatted(nodes, edges, prev);
        GraphAnalysis byHand = ANALYZER.analyze(FILES.parse(hand, "hand.netloom").graph());
        assertThat(byHand.isValid()).isTrue();
        assertThat(blocks.total()).isEqualTo(byHand.total());
        assertThat(blocks.peakActivationBytes()).isEqualTo(byHand.peakActivationBytes());
        assertThat(blocks.total().parameters()).isEqualTo(8 * 3 * 9 + 8 + 4 * (2 * (8 * 8 * 9 + 8) + 2 * 8) + 8 * 4 + 4);
        Map<String, Object> perLayer = new TreeMap<>();
        blocks.reports().forEach((id, r) -> perLayer.put(id.replace("a/", "x0_").replace("a#2/", "x1_")
                .replace("a#3/", "x2_").replace("b/", "x3_"), r.cost()));
        Map<String, Object> perLayerByHand = new TreeMap<>();
        byHand.reports().forEach((id, r) -> perLayerByHand.put(id, r.cost()));
        assertThat(perLayer).isEqualTo(perLayerByHand);
    }

    @Test
    void aBadValueForABlockParameterIsRefusedNamingTheUseAndTheInnerNode() {
        String bad = TWO_USES.replace("\"act\": \"GELU\"", "\"act\": \"Sparkle\"");
        assertThatThrownBy(() -> FILES.parse(bad, "blocks.netloom"))
                .isInstanceOf(ProjectFormatException.class)
                .hasMessageContaining("blocks.netloom: graph.nodes[3]")
                .hasMessageContaining("use b (block res): inner node act2: function ($act)");
    }

    @Test
    void shapeProblemsInsideACopyNameTheCopyAndTheInnerNode() throws Exception {
        // A width of 16 cannot be added to the 8-channel input of the residual: the analyser names b's add.
        Graph g = flat(TWO_USES.replace("\"act\": \"GELU\"", "\"width\": 16"));
        GraphAnalysis a = ANALYZER.analyze(g);
        assertThat(a.isValid()).isFalse();
        assertThat(a.problems().get(0).toString()).contains("b/add");
    }

    @Test
    void unknownBlocksParametersAndPortsAreRefusedWithTheirPaths() {
        assertThatThrownBy(() -> FILES.parse(TWO_USES.replace("\"block\": \"res\", \"act\"", "\"block\": \"rez\", \"act\""),
                "p.netloom")).hasMessageContaining("graph.nodes[3].params.block: no block \"rez\" in the project's blocks (it has res)");
        assertThatThrownBy(() -> FILES.parse(TWO_USES.replace("\"act\": \"GELU\"", "\"wide\": 3"), "p.netloom"))
                .hasMessageContaining("graph.nodes[3].params.wide: block res has no such parameter; it has act, width");
        assertThatThrownBy(() -> FILES.parse(TWO_USES.replace("\"to\": \"b.in\"", "\"to\": \"b.left\""), "p.netloom"))
                .hasMessageContaining("block use b (block res) has no input port \"left\" (it has in)");
        assertThatThrownBy(() -> FILES.parse(TWO_USES.replace("\"filters\": \"$width\", \"kernel\": 3, \"padding\": 1 } },\n    { \"id\": \"bn1\"",
                "\"filters\": \"$wide\", \"kernel\": 3, \"padding\": 1 } },\n    { \"id\": \"bn1\""), "p.netloom"))
                .hasMessageContaining("blocks.res.nodes[0].params.filters: $wide is not a parameter of block res (it has act, width)");
        assertThatThrownBy(() -> FILES.parse(TWO_USES.replace("\"repeat\": 3", "\"repeat\": 65"), "p.netloom"))
                .hasMessageContaining("graph.nodes[2].params.repeat");
    }

    @Test
    void repeatZeroSkipsTheBlock() throws Exception {
        Graph g = flat(TWO_USES.replace("\"repeat\": 3", "\"repeat\": 0"));
        assertThat(g.nodes()).extracting(Node::id).doesNotContain("a/c1");
        assertThat(g.edgeInto(dev.netloom.graph.PortRef.parse("b/c1.in")).orElseThrow().from().toString()).isEqualTo("stem.out");
        assertThat(ANALYZER.analyze(g).isValid()).isTrue();
    }

    @Test
    void aProjectWithBlocksSavesAndReadsBackTheSame() throws Exception {
        Project p = FILES.parse(TWO_USES, "blocks.netloom");
        String text = FILES.toJson(p);
        assertThat(text).contains("\"blocks\"").contains("\"type\": \"Block\"");
        Project again = FILES.parse(text, "again.netloom");
        assertThat(again).isEqualTo(p);
        assertThat(FILES.toJson(again)).isEqualTo(text);
        // The flat project has no blocks left and reads back as plain layers.
        Project plain = BlockSection.flatten(p, CATALOG);
        assertThat(plain.sections()).doesNotContainKey(BlockSection.KEY);
        assertThat(FILES.parse(FILES.toJson(plain), "flat.netloom").graph()).isEqualTo(plain.graph());
    }

    @Test
    void aFileWithoutBlocksIsUnchangedByFlattening() throws Exception {
        String plain = """
                { "schemaVersion": 1, "graph": { "nodes": [
                  { "id": "image", "type": "Image", "params": { "height": 8, "width": 8, "channels": 3 } } ], "edges": [] } }
                """;
        Project p = FILES.parse(plain, "old.netloom");
        assertThat(BlockSection.flatten(p, CATALOG)).isSameAs(p);
        assertThat(BlockSection.library(p, CATALOG).isEmpty()).isTrue();
    }

    @Test
    void aBlockWithTwoInputsCannotRepeat() {
        String two = TWO_USES.replace("\"inputs\": { \"in\": [\"c1.in\", \"add.a\"] }",
                "\"inputs\": { \"in\": [\"c1.in\"], \"skip\": [\"add.a\"] }");
        assertThatThrownBy(() -> FILES.parse(two, "p.netloom"))
                .hasMessageContaining("use a (block res): repeat 3 needs a block with one input and one output");
    }

    @Test
    void expandedIdsAreValidNodeIdsButNotDrawnOnes() {
        assertThat(Node.isValidId("stage3#2/dw")).isTrue();
        assertThat(Node.isDrawnId("stage3#2/dw")).isFalse();
        assertThat(BlockUse.useOf("stage3#2/dw")).isEqualTo("stage3");
        assertThat(BlockUse.useOf("stem")).isEqualTo("stem");
        assertThat(NodeReport.class).isNotNull();
    }
}
