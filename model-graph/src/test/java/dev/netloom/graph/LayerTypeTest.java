package dev.netloom.graph;

import dev.netloom.graph.catalog.LayerCatalog;
import dev.netloom.graph.catalog.LayerSpec;
import dev.netloom.graph.catalog.LayerType;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.LinkedHashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The typed keys and the standard catalog name the same layer types, one each. */
class LayerTypeTest {

    @Test
    void everyCatalogTypeHasAConstantAndEveryConstantACatalogType() throws IllegalAccessException {
        Set<LayerType> constants = new LinkedHashSet<>();
        for (Field f : LayerType.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == LayerType.class) {
                assertThat(constants.add((LayerType) f.get(null))).as("constant %s is unique", f.getName()).isTrue();
            }
        }
        Set<LayerType> catalog = new LinkedHashSet<>();
        for (LayerSpec s : LayerCatalog.standard().all()) {
            catalog.add(s.layerType());
        }
        assertThat(constants).containsExactlyInAnyOrderElementsOf(catalog);
    }

    @Test
    void aKeyIsItsName() {
        assertThat(LayerType.of("Dense")).isEqualTo(LayerType.DENSE);
        assertThat(LayerType.DENSE.is("Dense")).isTrue();
        assertThat(LayerType.DENSE.is("dense")).isFalse();
        assertThat(LayerType.CONV2D).hasToString("Conv2d");
    }
}
