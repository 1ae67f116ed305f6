package dev.netloom.designer.model;

import dev.netloom.graph.catalog.LayerCatalog;
import dev.netloom.graph.catalog.LayerSpec;
import dev.netloom.graph.catalog.ParamSpec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HumanNamesTest {

    @Test
    void fileKeysReadAsWords() {
        assertThat(HumanNames.of("capacityFactor")).isEqualTo("Capacity factor");
        assertThat(HumanNames.of("mlpRatio")).isEqualTo("MLP ratio");
        assertThat(HumanNames.of("topK")).isEqualTo("Top k");
        assertThat(HumanNames.of("units")).isEqualTo("Units");
        assertThat(HumanNames.of("maxShift")).isEqualTo("Max shift");
        assertThat(HumanNames.of("expert_hidden")).isEqualTo("Expert hidden");
    }

    @Test
    void everyParameterOfTheCatalogHasAWordedNameThatIsNotCamelCase() {
        for (LayerSpec spec : LayerCatalog.standard().all()) {
            for (ParamSpec p : spec.params()) {
                String shown = HumanNames.of(p.name());
                assertThat(shown).as(spec.type() + "." + p.name()).isNotBlank().doesNotContainPattern("[a-z][A-Z]");
                assertThat(Character.isUpperCase(shown.charAt(0))).as(shown).isTrue();
            }
        }
    }
}
