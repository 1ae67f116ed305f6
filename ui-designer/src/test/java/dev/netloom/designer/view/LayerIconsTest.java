package dev.netloom.designer.view;

import dev.netloom.graph.catalog.LayerCatalog;
import dev.netloom.graph.catalog.LayerSpec;
import dev.netloom.graph.catalog.LayerType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The contract of the icon registry: every catalog layer type has an icon of its own. */
class LayerIconsTest {

    @Test
    void everyCatalogLayerHasAnIconOfItsOwn() {
        List<LayerType> missing = LayerCatalog.standard().all().stream().map(LayerSpec::layerType)
                .filter(t -> !LayerIcons.hasOwnIcon(t)).toList();
        assertThat(missing).as("catalog layer types without an entry in LayerIcons").isEmpty();
    }
}
