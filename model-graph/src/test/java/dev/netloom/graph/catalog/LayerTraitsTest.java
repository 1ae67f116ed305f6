package dev.netloom.graph.catalog;

import dev.netloom.graph.analysis.GraphAnalysis;
import dev.netloom.graph.analysis.GraphAnalyzer;
import dev.netloom.graph.analysis.NodeReport;
import dev.netloom.graph.project.ProjectFile;
import dev.netloom.graph.project.Templates;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The traits every spec declares agree with its costs, and the few rules between traits hold.
 * (The training engine's and the exporter's contract tests check the weight traits against the
 * weights they really build and quantize, for every layer type.)
 */
class LayerTraitsTest {

    private static final LayerCatalog CATALOG = LayerCatalog.standard();

    @Test
    void aFreeLayerHasNoWeightsAndTakesPartInNoFusion() {
        assertThatThrownBy(() -> new LayerTraits(true, false, false, WeightUse.CONVOLUTION))
                .hasMessageContaining("free layer");
        assertThatThrownBy(() -> new LayerTraits(true, true, false, WeightUse.NONE)).hasMessageContaining("free layer");
        assertThat(LayerTraits.FREE.hasWeights()).isFalse();
    }

    @Test
    void weightUseDecidesWhatIsQuantized() {
        assertThat(LayerTraits.computing(WeightUse.MATRIX_PRODUCT).quantizable()).isTrue();
        assertThat(LayerTraits.computing(WeightUse.LOOKUP).quantizable()).isTrue();
        assertThat(LayerTraits.computing(WeightUse.ELEMENTWISE).quantizable()).isFalse();
        assertThat(LayerTraits.computing(WeightUse.ELEMENTWISE).hasWeights()).isTrue();
        assertThat(LayerTraits.computing(WeightUse.NONE).hasWeights()).isFalse();
    }

    @Test
    void onlySimpleActivationsAndBatchNormFoldIntoTheLayerBefore() {
        LayerSpec activation = CATALOG.find(LayerType.ACTIVATION).orElseThrow();
        assertThat(activation.fusable(Map.of("function", "ReLU"))).isTrue();
        assertThat(activation.fusable(Map.of("function", "Tanh"))).isTrue();
        assertThat(activation.fusable(Map.of("function", "GELU"))).isFalse();
        assertThat(activation.fusable(Map.of("function", "Softmax"))).isFalse();
        // ONNX Runtime's fused convolution runs LeakyRelu and HardSigmoid in its loop, not HardSwish.
        assertThat(activation.fusable(Map.of("function", "LeakyReLU"))).isTrue();
        assertThat(activation.fusable(Map.of("function", "Hardsigmoid"))).isTrue();
        assertThat(activation.fusable(Map.of("function", "Hardswish"))).isFalse();
        assertThat(CATALOG.find(LayerType.BATCH_NORM).orElseThrow().fusable(Map.of())).isTrue();
        assertThat(CATALOG.find(LayerType.LAYER_NORM).orElseThrow().fusable(Map.of())).isFalse();
        assertThat(CATALOG.all()).filteredOn(s -> s.traits().fusesFollowers()).extracting(LayerSpec::layerType)
                .containsExactlyInAnyOrder(LayerType.CONV1D, LayerType.CONV2D, LayerType.DEPTHWISE_CONV2D, LayerType.DENSE);
    }

    @Test
    void inputsAreFreeAndEveryLayerWithParametersSaysItHasWeights() {
        CATALOG.all().stream().filter(s -> s.category() == Category.INPUTS)
                .forEach(s -> assertThat(s.free()).as(s.type()).isTrue());
        Templates templates = new Templates(new ProjectFile(CATALOG));
        GraphAnalyzer analyzer = new GraphAnalyzer(CATALOG);
        int checked = 0;
        for (Templates.Template t : templates.all()) {
            GraphAnalysis a = analyzer.analyze(t.project().graph());
            for (NodeReport r : a.reports().values()) {
                String where = t.name() + ": " + r.node().id() + " (" + r.spec().type() + ")";
                assertThat(r.spec().hasWeights()).as(where).isEqualTo(r.cost().parameters() > 0
                        || r.spec().layerType().equals(LayerType.POSITIONAL_EMBEDDING));
                if (r.spec().free()) {
                    assertThat(r.cost().multiplyAdds()).as(where).isZero();
                }
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(20);
    }

    @Test
    void theKeyIsTheSpecsOwn() {
        for (LayerSpec s : CATALOG.all()) {
            assertThat(s.layerType().name()).isEqualTo(s.type());
            assertThat(CATALOG.find(s.layerType())).containsSame(s);
        }
    }
}
