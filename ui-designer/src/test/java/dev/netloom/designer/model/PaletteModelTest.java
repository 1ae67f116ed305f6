package dev.netloom.designer.model;

import dev.netloom.graph.catalog.Category;
import dev.netloom.graph.catalog.LayerCatalog;
import dev.netloom.graph.catalog.LayerSpec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PaletteModelTest {

    private final PaletteModel palette = new PaletteModel(LayerCatalog.standard());

    @Test
    void showsEveryLayerGroupedInPaletteOrder() {
        assertThat(palette.groupsProperty().get().keySet()).containsExactly(Category.values());
        assertThat(palette.matchCount()).isEqualTo(LayerCatalog.standard().all().size());
    }

    @Test
    void searchMatchesNamesAndPlainWordsOfTheDescription() {
        palette.searchProperty().set("CONV2D");
        assertThat(palette.groupsProperty().get().values().stream().flatMap(l -> l.stream()).map(LayerSpec::type))
                .containsExactly("Conv2d", "DepthwiseConv2d");
        palette.searchProperty().set("experts");
        assertThat(palette.groupsProperty().get().keySet()).containsExactly(Category.MIXTURE_OF_EXPERTS);
        palette.searchProperty().set("picture shrinks");
        assertThat(palette.groupsProperty().get().get(Category.CONVOLUTION)).extracting(LayerSpec::type)
                .containsExactly("MaxPool2d", "AvgPool2d");
        palette.searchProperty().set("no such layer");
        assertThat(palette.groupsProperty().get()).isEmpty();
        palette.searchProperty().set("");
        assertThat(palette.matchCount()).isEqualTo(LayerCatalog.standard().all().size());
    }
}
