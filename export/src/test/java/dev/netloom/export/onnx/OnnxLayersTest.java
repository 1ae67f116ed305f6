package dev.netloom.export.onnx;

import dev.netloom.graph.catalog.Category;
import dev.netloom.graph.catalog.LayerCatalog;
import dev.netloom.graph.catalog.LayerSpec;
import dev.netloom.graph.catalog.LayerType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract of the ONNX writer's registry: every catalog layer type that computes has a
 * writer, and an input has none (inputs are the graph's inputs, made by {@code OnnxWriter}).
 * Whether each writer computes what training computed is {@code EveryLayerExportsTest} (app).
 */
class OnnxLayersTest {

    @Test
    void everyCatalogTypeThatComputesHasAWriter() {
        List<LayerType> missing = LayerCatalog.standard().all().stream()
                .filter(s -> s.category() != Category.INPUTS).map(LayerSpec::layerType)
                .filter(t -> !OnnxLayers.supports(t)).toList();
        assertThat(missing).as("catalog layer types without an entry in OnnxLayers").isEmpty();
    }

    @Test
    void inputsAreGraphInputsNotWrittenNodes() {
        List<LayerType> inputsWithWriters = LayerCatalog.standard().all().stream()
                .filter(s -> s.category() == Category.INPUTS).map(LayerSpec::layerType)
                .filter(OnnxLayers::supports).toList();
        assertThat(inputsWithWriters).isEmpty();
    }
}
