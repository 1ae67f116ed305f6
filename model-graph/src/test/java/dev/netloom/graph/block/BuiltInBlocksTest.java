package dev.netloom.graph.block;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netloom.graph.Edge;
import dev.netloom.graph.Graph;
import dev.netloom.graph.Node;
import dev.netloom.graph.Position;
import dev.netloom.graph.analysis.GraphAnalysis;
import dev.netloom.graph.analysis.GraphAnalyzer;
import dev.netloom.graph.catalog.LayerCatalog;
import dev.netloom.graph.project.BuiltInBlocks;
import dev.netloom.graph.project.Project;
import dev.netloom.graph.project.ProjectFile;
import dev.netloom.graph.project.Templates;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

class BuiltInBlocksTest {

    static final LayerCatalog CATALOG = LayerCatalog.standard();
    static final GraphAnalyzer ANALYZER = new GraphAnalyzer(CATALOG);
    static final BlockLibrary BUILT_IN = BuiltInBlocks.load(CATALOG);

    @Test
    void theBuiltInBlocksAreShipped() {
        assertThat(BUILT_IN.blocks().keySet()).containsExactly("inverted-residual", "inverted-residual-skip",
                "residual-basic", "residual-basic-down", "residual-bottleneck", "residual-bottleneck-down",
                "transformer-encoder");
    }

    /** One use of a block after an input of the given shape, followed by nothing: its analysis. */
    static GraphAnalysis used(String block, Map<String, Object> values, Node input, int repeat) {
        Map<String, Object> params = new TreeMap<>(values);
        params.put(BlockUse.BLOCK, block);
        params.put(BlockUse.REPEAT, repeat);
        Node use = new Node("u", BlockUse.TYPE, params, Position.ORIGIN, "");
        Node gap = new Node("gap", "GlobalAvgPool", Map.of(), Position.ORIGIN, "");
        Node head = new Node("classes", "Classification", Map.of("classes", 2), Position.ORIGIN, "");
        Graph drawn = new Graph(List.of(input, use, gap, head), List.of(Edge.of(input.id() + ".out", "u.in"),
                Edge.of("u.out", "gap.in"), Edge.of("gap.out", "classes.in")));
        Graph flat = new BlockExpansion(CATALOG).expand(drawn, BUILT_IN);
        return ANALYZER.analyze(flat);
    }

    static void valid(GraphAnalysis a) {
        assertThat(a.isValid()).as(a.problems().toString()).isTrue();
    }

    /** The cost of the use's layers alone. */
    static dev.netloom.graph.Cost inUse(GraphAnalysis a) {
        dev.netloom.graph.Cost sum = dev.netloom.graph.Cost.ZERO;
        for (var e : a.reports().entrySet()) {
            if (BlockUse.useOf(e.getKey()).equals("u") && e.getKey().contains("/")) {
                sum = sum.plus(e.getValue().cost());
            }
        }
        return sum;
    }

    static Node image(int channels, int side) {
        return new Node("x", "Image", Map.of("channels", channels, "height", side, "width", side), Position.ORIGIN, "");
    }

    @Test
    void residualBasicCountsAsResNetsBlock() {
        // Two 3x3 convolutions of 64 channels without bias, two BatchNorms (scale and shift): ResNet-18's layer1 block.
        GraphAnalysis a = used("residual-basic", Map.of("width", 64), image(64, 56), 2);
        assertThat(a.isValid()).as(a.problems().toString()).isTrue();
        assertThat(inUse(a).parameters()).isEqualTo(2 * (2 * 64 * 64 * 9 + 2 * 2 * 64));
        assertThat(inUse(a).multiplyAdds()).isEqualTo(2 * 2 * 64L * 64 * 9 * 56 * 56);
    }

    @Test
    void everyBuiltInBlockExpandsIntoAValidModel() {
        GraphAnalysis ir = used("inverted-residual", Map.of("expand", 96, "out", 24), image(16, 32), 1);
        assertThat(ir.isValid()).as(ir.problems().toString()).isTrue();
        valid(used("residual-basic-down", Map.of("width", 128), image(64, 56), 1));
        valid(used("residual-bottleneck", Map.of("mid", 16, "out", 64), image(64, 56), 3));
        valid(used("residual-bottleneck-down", Map.of("mid", 128, "out", 512), image(64, 56), 1));
        valid(used("inverted-residual", Map.of("expand", 96, "out", 24), image(16, 32), 1));
        valid(used("inverted-residual-skip", Map.of("expand", 144, "out", 24), image(24, 32), 4));
        Node tokens = new Node("x", "Tokens", Map.of("length", 16, "vocabulary", 100), Position.ORIGIN, "");
        Node embed = new Node("e", "Embedding", Map.of("dim", 64), Position.ORIGIN, "");
        Map<String, Object> params = new TreeMap<>(Map.of(BlockUse.BLOCK, "transformer-encoder", BlockUse.REPEAT, 2));
        Node use = new Node("enc", BlockUse.TYPE, params, Position.ORIGIN, "");
        Node pool = new Node("pool", "GlobalAvgPool", Map.of(), Position.ORIGIN, "");
        Node head = new Node("classes", "Classification", Map.of("classes", 2), Position.ORIGIN, "");
        Graph g = new BlockExpansion(CATALOG).expand(new Graph(List.of(tokens, embed, use, pool, head),
                List.of(Edge.of("x.out", "e.in"), Edge.of("e.out", "enc.in"), Edge.of("enc.out", "pool.in"),
                        Edge.of("pool.out", "classes.in"))), BUILT_IN);
        GraphAnalysis a = ANALYZER.analyze(g);
        assertThat(a.isValid()).as(a.problems().toString()).isTrue();
        // Per layer: attention 4*(64*64+64), MLP 64*256+256 + 256*64+64, two LayerNorms 2*2*64.
        long perLayer = 4 * (64 * 64 + 64) + (64 * 256 + 256) + (256 * 64 + 64) + 2 * 2 * 64;
        assertThat(a.total().parameters()).isEqualTo(100 * 64 + 2 * perLayer + 64 * 2 + 2);
    }

    /**
     * The MobileNetV2 template is drawn with blocks: its file is a third as long, and the model it
     * expands to has exactly the parameters, multiply-adds and activation memory of the template as it was
     * drawn layer by layer (kept in the test resources), layer for layer in the same order.
     */
    @Test
    void mobileNetV2WithBlocksCostsExactlyWhatTheLayerByLayerTemplateDid() throws Exception {
        ProjectFile files = new ProjectFile(CATALOG);
        String layers;
        try (InputStream in = getClass().getResourceAsStream("mobilenet-v2-layers.netloom")) {
            layers = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Templates.Template t = new Templates(files).find("mobilenet-v2").orElseThrow();
        String drawn = files.toJson(t.drawn());
        assertThat(drawn.lines().count()).isLessThan(layers.lines().count() / 3);
        assertThat(t.drawn().graph().nodes()).hasSize(26);

        GraphAnalysis before = ANALYZER.analyze(files.parse(layers, "mobilenet-v2-layers.netloom").graph());
        GraphAnalysis after = ANALYZER.analyze(t.project().graph());
        assertThat(after.isValid()).isTrue();
        assertThat(after.total()).isEqualTo(before.total());
        assertThat(after.total().parameters()).isEqualTo(3_504_872L);
        assertThat(after.peakActivationBytes()).isEqualTo(before.peakActivationBytes());
        assertThat(after.graph().nodes()).hasSameSizeAs(before.graph().nodes());
        assertThat(costsInOrder(after)).isEqualTo(costsInOrder(before));
    }

    private static List<String> costsInOrder(GraphAnalysis a) {
        List<String> out = new ArrayList<>();
        for (String id : a.order()) {
            Node n = a.graph().requireNode(id);
            out.add(n.type() + " " + a.report(id).orElseThrow().out() + " " + a.report(id).orElseThrow().cost());
        }
        return out;
    }

    @Test
    void theTemplateKeepsItsBlocksWhenWrittenAndItsExpansionWhenComputedWith() {
        Project drawn = new Templates(new ProjectFile(CATALOG)).find("mobilenet-v2").orElseThrow().drawn();
        assertThat(drawn.graph().nodes()).anyMatch(BlockUse::isUse);
        assertThat(drawn.sections()).containsKey("blocks");
    }
}
