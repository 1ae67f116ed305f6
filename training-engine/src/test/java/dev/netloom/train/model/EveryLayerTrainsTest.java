package dev.netloom.train.model;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.engine.Engine;
import dev.netloom.graph.Edge;
import dev.netloom.graph.Graph;
import dev.netloom.graph.Node;
import dev.netloom.graph.PortRef;
import dev.netloom.graph.Position;
import dev.netloom.graph.TensorType;
import dev.netloom.graph.analysis.GraphAnalysis;
import dev.netloom.graph.analysis.GraphAnalyzer;
import dev.netloom.graph.catalog.LayerCatalog;
import dev.netloom.graph.catalog.LayerSpec;
import dev.netloom.graph.catalog.LayerType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract every layer type meets: it has a module, it trains a step, and every one of its
 * trainable weights gets a non-zero, finite gradient. Each case is a small graph around the layer.
 */
class EveryLayerTrainsTest {

    private static final LayerCatalog CATALOG = LayerCatalog.standard();

    @Test
    void everyCatalogTypeHasAModuleAndATrainingCase() {
        Set<String> covered = new TreeSet<>();
        LayerCases.cases().forEach(c -> covered.addAll(c.covers()));
        Set<String> all = new TreeSet<>(CATALOG.all().stream().map(LayerSpec::type).toList());
        assertThat(covered).containsExactlyInAnyOrderElementsOf(all);
        all.forEach(type -> assertThat(LayerModules.supports(LayerType.of(type))).as(type).isTrue());
    }

    @ParameterizedTest
    @MethodSource("dev.netloom.train.model.LayerCases#cases")
    void everyTrainableWeightGetsAGradient(LayerCases.Case c) {
        GraphAnalysis analysis = new GraphAnalyzer(CATALOG).analyze(c.graph());
        assertThat(analysis.problems()).as(c.name()).isEmpty();
        Engine.getInstance().setRandomSeed(1);
        GraphBlock block = new GraphBlock(analysis);
        try (Model model = Model.newInstance(c.name())) {
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
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDList out = block.forward(new ParameterStore(m, false), inputs, true);
                NDArray objective = out.get(0).square().mean().add(out.get(out.size() - 1));
                collector.backward(objective);
            }
            block.weightsByName().forEach((name, p) -> {
                if (p.requiresGradient()) {
                    NDArray g = p.getArray().getGradient();
                    assertThat(g.isNaN().any().getBoolean()).as("%s: NaN gradient for %s", c.name(), name).isFalse();
                    assertThat(g.abs().sum().getFloat()).as("%s: zero gradient for %s", c.name(), name).isPositive();
                }
            });
        }
    }
}
