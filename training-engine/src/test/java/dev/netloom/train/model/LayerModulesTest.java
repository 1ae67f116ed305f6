package dev.netloom.train.model;

import dev.netloom.graph.analysis.GraphAnalysis;
import dev.netloom.graph.analysis.GraphAnalyzer;
import dev.netloom.graph.analysis.NodeReport;
import dev.netloom.graph.catalog.LayerCatalog;
import dev.netloom.graph.catalog.LayerSpec;
import dev.netloom.graph.catalog.LayerType;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract of the training engine's registry: every catalog layer type has a module, and the
 * weights a module builds agree with the type's declared traits (a type that builds weights says
 * it has them, and every type that says so builds them in some case).
 */
class LayerModulesTest {

    private static final LayerCatalog CATALOG = LayerCatalog.standard();

    @Test
    void everyCatalogTypeHasAModule() {
        List<LayerType> missing = CATALOG.all().stream().map(LayerSpec::layerType)
                .filter(t -> !LayerModules.supports(t)).toList();
        assertThat(missing).as("catalog layer types without an entry in LayerModules").isEmpty();
    }

    @Test
    void aModuleBuildsWeightsExactlyForTypesThatSayTheyHaveThem() {
        Set<LayerType> built = new LinkedHashSet<>();
        LayerCases.cases().forEach(c -> {
            GraphAnalysis analysis = new GraphAnalyzer(CATALOG).analyze(c.graph());
            for (NodeReport r : analysis.reports().values()) {
                boolean weights = !LayerModules.forNode(r).weights().isEmpty();
                if (weights) {
                    built.add(r.spec().layerType());
                    assertThat(r.spec().hasWeights()).as("%s in %s builds weights", r.spec().type(), c.name()).isTrue();
                }
            }
        });
        List<LayerType> declared = CATALOG.all().stream().filter(LayerSpec::hasWeights).map(LayerSpec::layerType).toList();
        assertThat(built).as("types that build weights in some case").containsExactlyInAnyOrderElementsOf(declared);
    }
}
