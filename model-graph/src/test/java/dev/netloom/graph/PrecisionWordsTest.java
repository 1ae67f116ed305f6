package dev.netloom.graph;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** One word per precision, and one parser of those words for the CLI, manifests, profiles and projects. */
class PrecisionWordsTest {

    @Test
    void everyPrecisionParsesFromItsWordInAnyCase() {
        for (Precision p : Precision.values()) {
            assertThat(Precision.parse(p.key())).contains(p);
            assertThat(Precision.parse(p.key().toUpperCase(java.util.Locale.ROOT))).contains(p);
        }
        assertThat(Precision.parse("int3")).isEmpty();
        assertThat(Precision.parse("auto")).isEmpty();
        assertThat(Precision.parse(null)).isEmpty();
        assertThat(Precision.words()).isEqualTo("fp32, fp16, int8, int4, int2, int1");
    }
}
