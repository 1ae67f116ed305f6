package dev.netloom.devices;

import dev.netloom.graph.Edge;
import dev.netloom.graph.Graph;
import dev.netloom.graph.Node;
import dev.netloom.graph.PortRef;
import dev.netloom.graph.Position;
import dev.netloom.graph.analysis.GraphAnalysis;
import dev.netloom.graph.analysis.GraphAnalyzer;
import dev.netloom.graph.catalog.LayerCatalog;
import dev.netloom.graph.catalog.LayerSpec;
import dev.netloom.graph.catalog.LayerType;
import dev.netloom.graph.catalog.WeightUse;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The estimator's per-layer-type knowledge, against the catalog: the operator count has an entry
 * for every type, the kernel class one for every convolution type, and the roles read from the
 * types' traits give what the runtimes do (Conv → BatchNorm → ReLU folds into the convolution).
 */
class LayerRegistriesTest {

    private static final LayerCatalog CATALOG = LayerCatalog.standard();

    @Test
    void everyCatalogTypeHasAnOperatorCount() {
        List<LayerType> missing = CATALOG.all().stream().map(LayerSpec::layerType)
                .filter(t -> !OperatorCount.covers(t)).toList();
        assertThat(missing).as("catalog layer types without an entry in OperatorCount").isEmpty();
    }

    @Test
    void everyConvolutionTypeHasAKernelClass() {
        List<LayerType> missing = CATALOG.all().stream().filter(s -> s.traits().weights() == WeightUse.CONVOLUTION)
                .map(LayerSpec::layerType).filter(t -> !KernelClass.coversConvolution(t)).toList();
        assertThat(missing).as("convolution layer types without an entry in KernelClass").isEmpty();
    }

    @Test
    void kernelClassesFollowTheWeightsUse() {
        GraphAnalysis a = analyse(List.of(
                node("img", LayerType.IMAGE, "channels", 8),
                node("c3", LayerType.CONV2D, "kernel", 3),
                node("c1", LayerType.CONV2D, "kernel", 1, "padding", 0),
                node("g", LayerType.CONV2D, "groups", 8, "filters", 8),
                node("dw", LayerType.DEPTHWISE_CONV2D),
                node("bn", LayerType.BATCH_NORM),
                node("pool", LayerType.GLOBAL_AVG_POOL),
                node("fc", LayerType.DENSE),
                node("head", LayerType.CLASSIFICATION)),
                "img", "c3", "c1", "g", "dw", "bn", "pool", "fc", "head");
        assertThat(List.of("c3", "c1", "g", "dw", "bn", "fc", "head"))
                .extracting(id -> KernelClass.of(a.report(id).orElseThrow()))
                .containsExactly(KernelClass.CONV, KernelClass.POINTWISE, KernelClass.DEPTHWISE, KernelClass.DEPTHWISE,
                        KernelClass.OTHER, KernelClass.MATMUL, KernelClass.MATMUL);
    }

    @Test
    void rolesComeFromTheTraits() {
        GraphAnalysis a = analyse(List.of(
                node("img", LayerType.IMAGE),
                node("conv", LayerType.CONV2D),
                node("bn", LayerType.BATCH_NORM),
                node("relu", LayerType.ACTIVATION, "function", "ReLU"),
                node("conv2", LayerType.CONV2D),
                node("gelu", LayerType.ACTIVATION, "function", "GELU"),
                node("pool", LayerType.GLOBAL_AVG_POOL),
                node("drop", LayerType.DROPOUT),
                node("head", LayerType.CLASSIFICATION)),
                "img", "conv", "bn", "relu", "conv2", "gelu", "pool", "drop", "head");
        assertThat(List.of("img", "conv", "bn", "relu", "conv2", "gelu", "pool", "drop", "head"))
                .extracting(id -> LayerRole.of(a.report(id).orElseThrow(), a))
                .containsExactly(LayerRole.FREE, LayerRole.WEIGHTED, LayerRole.FUSED, LayerRole.FUSED,
                        LayerRole.WEIGHTED, LayerRole.ELEMENTWISE, LayerRole.ELEMENTWISE, LayerRole.FREE,
                        LayerRole.WEIGHTED);
    }

    @Test
    void nothingFoldsIntoALayerWhoseOutputIsStillNeeded() {
        List<Node> nodes = List.of(
                node("img", LayerType.IMAGE),
                node("conv", LayerType.CONV2D),
                node("relu", LayerType.ACTIVATION, "function", "ReLU"),
                node("sum", LayerType.ADD),
                node("pool", LayerType.GLOBAL_AVG_POOL),
                node("head", LayerType.CLASSIFICATION));
        List<Edge> edges = new ArrayList<>(chain("img", "conv", "relu"));
        edges.add(edge("conv.out", "sum.a"));
        edges.add(edge("relu.out", "sum.b"));
        edges.addAll(chain("sum", "pool", "head"));
        GraphAnalysis a = new GraphAnalyzer(CATALOG).analyze(new Graph(nodes, edges));
        assertThat(a.problems()).isEmpty();
        assertThat(LayerRole.of(a.report("relu").orElseThrow(), a)).isEqualTo(LayerRole.ELEMENTWISE);
    }

    private static GraphAnalysis analyse(List<Node> nodes, String... chain) {
        GraphAnalysis a = new GraphAnalyzer(CATALOG).analyze(new Graph(nodes, chain(chain)));
        assertThat(a.problems()).isEmpty();
        return a;
    }

    private static Node node(String id, LayerType type, Object... params) {
        Map<String, Object> p = new java.util.LinkedHashMap<>();
        for (int i = 0; i < params.length; i += 2) {
            p.put((String) params[i], params[i + 1]);
        }
        return new Node(id, type.name(), p, Position.ORIGIN, "");
    }

    private static List<Edge> chain(String... ids) {
        List<Edge> edges = new ArrayList<>();
        for (int i = 1; i < ids.length; i++) {
            edges.add(edge(ids[i - 1] + ".out", ids[i] + ".in"));
        }
        return edges;
    }

    private static Edge edge(String from, String to) {
        return new Edge(PortRef.parse(from), PortRef.parse(to));
    }
}
