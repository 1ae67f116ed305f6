package dev.netloom.graph.search;

import dev.netloom.graph.catalog.LayerCatalog;
import dev.netloom.graph.catalog.ParamSpec;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The range a parameter gets when "search" is ticked: near the current value, inside the spec, valid. */
class DefaultRangesTest {

    private final LayerCatalog catalog = LayerCatalog.standard();

    private ParamSpec spec(String type, String param) {
        return catalog.require(type).param(param).orElseThrow();
    }

    @Test
    void widthsGoFromHalfToDoubleOnALogScale() {
        assertThat(DefaultRanges.of(spec("Dense", "units"), 128)).isEqualTo(new Range.IntRange(64, 256, 1, true));
        assertThat(DefaultRanges.of(spec("Conv2d", "filters"), 32)).isEqualTo(new Range.IntRange(16, 64, 1, true));
        assertThat(DefaultRanges.of(spec("MoE", "hidden"), 256)).isEqualTo(new Range.IntRange(128, 512, 1, true));
    }

    @Test
    void otherWholeNumbersAreLinearAndClampedToTheSpec() {
        assertThat(DefaultRanges.of(spec("MoE", "experts"), 4)).isEqualTo(new Range.IntRange(2, 8, 1, false));
        assertThat(DefaultRanges.of(spec("Dense", "units"), 65536)).isEqualTo(new Range.IntRange(32768, 65536, 1, true));
        assertThat(DefaultRanges.of(spec("Conv2d", "kernel"), 1)).isEqualTo(new Range.IntRange(1, 2, 1, false));
        // Half of 1 is 0, below the spec: a collapsed neighbourhood takes the spec's range.
        assertThat(DefaultRanges.of(spec("MoE", "topK"), 1)).isEqualTo(new Range.IntRange(1, 2, 1, false));
    }

    @Test
    void aSizeInTwoDimensionsSearchesSquareSizesAroundItsLargerSide() {
        // [1, 7]: squares from 3x3 to 14x14; the rules take an int range for it, as for a square kernel.
        Range r = DefaultRanges.of(spec("Conv2d", "kernel"), List.of(1, 7));
        assertThat(r).isEqualTo(new Range.IntRange(3, 14, 1, false));
        assertThat(SearchRules.check(r, spec("Conv2d", "kernel"))).isEqualTo(r);
        // Choices are square sizes too (a choice is a word or a number); 5.0 read from JSON is the size 5.
        assertThat(SearchRules.check(new Range.Choices(List.of(3, 5.0)), spec("DepthwiseConv2d", "kernel")))
                .isEqualTo(new Range.Choices(List.of(3, 5)));
    }

    @Test
    void probabilitiesTakeTheSpecRangeAndRatesSpanTwoDecadesOnALogScale() {
        assertThat(DefaultRanges.of(spec("Dropout", "rate"), 0.1)).isEqualTo(new Range.FloatRange(0, 0.95, false));
        assertThat(DefaultRanges.of(SearchableSettings.training("learningRate").orElseThrow(), 1e-3))
                .isEqualTo(new Range.FloatRange(1e-4, 1e-2, true));
        assertThat(DefaultRanges.of(spec("LayerNorm", "epsilon"), null))
                .isEqualTo(new Range.FloatRange(1e-6, 1e-4, true));
    }

    @Test
    void wordsAndSwitchesOfferEveryChoice() {
        assertThat(DefaultRanges.of(spec("MoE", "activation"), "GELU"))
                .isEqualTo(new Range.Choices(List.of("GELU", "ReLU", "SiLU")));
        assertThat(DefaultRanges.of(spec("Dense", "bias"), true)).isEqualTo(new Range.Choices(List.of(false, true)));
    }

    @Test
    void everyDefaultOfEverySearchableParameterPassesTheRules() {
        for (var layer : catalog.all()) {
            for (ParamSpec p : layer.params()) {
                if (SearchRules.whyNotSearchable(layer, p) == null) {
                    Range r = DefaultRanges.of(p, p.defaultValue());
                    assertThat(SearchRules.check(r, p)).as(layer.type() + "." + p.name()).isEqualTo(r);
                }
            }
        }
        for (ParamSpec p : SearchableSettings.TRAINING) {
            Range r = DefaultRanges.of(p, p.defaultValue());
            assertThat(SearchRules.check(r, p)).as(p.name()).isEqualTo(r);
        }
    }

    @Test
    void listsHaveNoRange() {
        assertThatThrownBy(() -> DefaultRanges.of(spec("Reshape", "shape"), List.of(4, 4)))
                .isInstanceOf(SearchRangeException.class);
    }
}
