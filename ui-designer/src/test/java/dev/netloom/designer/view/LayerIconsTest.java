package dev.netloom.designer.view;

import dev.netloom.graph.catalog.LayerCatalog;
import dev.netloom.graph.catalog.LayerSpec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LayerIconsTest {

    @Test
    void everyCatalogLayerHasAnIconOfItsOwn() {
        assertThat(LayerCatalog.standard().all()).extracting(LayerSpec::type)
                .allSatisfy(type -> assertThat(LayerIcons.hasOwnIcon(type)).as(type).isTrue());
    }
}
