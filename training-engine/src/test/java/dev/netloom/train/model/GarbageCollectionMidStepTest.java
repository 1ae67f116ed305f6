package dev.netloom.train.model;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.netloom.graph.Edge;
import dev.netloom.graph.Graph;
import dev.netloom.graph.Node;
import dev.netloom.graph.PortRef;
import dev.netloom.graph.Position;
import dev.netloom.graph.TensorType;
import dev.netloom.graph.analysis.GraphAnalysis;
import dev.netloom.graph.analysis.GraphAnalyzer;
import dev.netloom.graph.catalog.LayerCatalog;
import dev.netloom.graph.layers.Activation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A garbage collection between the forward and the backward pass changes no gradient, for every
 * layer case and every activation function: no array autograd keeps for backward may live in
 * memory the JVM can free (see {@link Scalars}). Before that fix, attention, the MoE layer, ReLU6
 * and SiLU got other gradients, with the same loss, whenever a collection fell between the two.
 */
class GarbageCollectionMidStepTest {

    private static final LayerCatalog CATALOG = LayerCatalog.standard();
    static final List<String> ACTIVATIONS = Activation.FUNCTIONS;

    @ParameterizedTest
    @MethodSource("dev.netloom.train.model.LayerCases#cases")
    void everyLayerCase(LayerCases.Case c) {
        assertSameGradients(c.name(), c.graph());
    }

    @ParameterizedTest
    @FieldSource("ACTIVATIONS")
    void everyActivation(String function) {
        List<Node> nodes = List.of(
                new Node("in", "Tabular", Map.of("features", 6), Position.ORIGIN, ""),
                new Node("dense", "Dense", Map.of("units", 8), Position.ORIGIN, ""),
                new Node("act", "Activation", Map.of("function", function), Position.ORIGIN, ""),
                new Node("head", "Classification", Map.of("classes", 3), Position.ORIGIN, ""));
        List<Edge> edges = new ArrayList<>();
        for (int i = 1; i < nodes.size(); i++) {
            edges.add(new Edge(PortRef.parse(nodes.get(i - 1).id() + ".out"), PortRef.parse(nodes.get(i).id() + ".in")));
        }
        assertSameGradients(function, new Graph(nodes, edges));
    }

    private static void assertSameGradients(String name, Graph graph) {
        GraphAnalysis analysis = new GraphAnalyzer(CATALOG).analyze(graph);
        assertThat(analysis.problems()).as(name).isEmpty();
        Map<String, float[]> plain = gradients(analysis, false);
        Map<String, float[]> collected = gradients(analysis, true);
        assertThat(plain).as(name).isNotEmpty();
        plain.forEach((weight, g) -> assertThat(collected.get(weight))
                .as("%s: gradient of %s after a collection between forward and backward", name, weight)
                .containsExactly(g));
    }

    /** One forward and backward from seeded weights and inputs; every trainable weight's gradient. */
    private static Map<String, float[]> gradients(GraphAnalysis analysis, boolean collectMidStep) {
        Engine.getInstance().setRandomSeed(1);
        GraphBlock block = new GraphBlock(analysis);
        Map<String, float[]> out = new LinkedHashMap<>();
        try (Model model = Model.newInstance("gc")) {
            model.setBlock(block);
            NDManager m = model.getNDManager();
            int batch = 4;
            List<Shape> shapes = new ArrayList<>();
            NDList inputs = new NDList();
            for (String id : block.inputIds()) {
                TensorType t = analysis.report(id).orElseThrow().out();
                Shape s = GraphBlock.batched(batch, t);
                shapes.add(s);
                inputs.add(t.vocabulary() > 0 ? m.randomInteger(0, t.vocabulary(), s, DataType.INT64) : m.randomNormal(s));
            }
            block.initialize(m, DataType.FLOAT32, shapes.toArray(Shape[]::new));
            for (Parameter p : block.weightsByName().values()) {
                p.getArray().setRequiresGradient(p.requiresGradient());
            }
            Engine.getInstance().setRandomSeed(2); // dropout and router noise draw the same numbers both times
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDList result = block.forward(new ParameterStore(m, false), inputs, true);
                NDArray objective = result.get(0).square().mean().add(result.get(result.size() - 1));
                if (collectMidStep) {
                    GarbageCollection.collectAndFreeDirectBuffers();
                }
                collector.backward(objective);
            }
            block.weightsByName().forEach((weight, p) -> {
                if (p.requiresGradient()) {
                    out.put(weight, p.getArray().getGradient().toFloatArray());
                }
            });
        }
        return out;
    }
}
