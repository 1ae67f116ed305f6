package dev.netloom.hpo.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class DistributionProperties {

    @Property(tries = 200)
    void floatsSurviveTextAndInternalForm(@ForAll @DoubleRange(min = -1e6, max = 1e6) double low,
                                          @ForAll @DoubleRange(min = 0, max = 1e6) double width,
                                          @ForAll @DoubleRange(min = 0, max = 1) double u) {
        FloatDistribution d = FloatDistribution.of(low, low + width);
        assertThat(DistributionText.read(DistributionText.write(d))).isEqualTo(d);
        double v = (double) d.toExternal(low + u * width);
        assertThat(d.toExternal(d.toInternal(v))).isEqualTo(v);
    }

    @Property(tries = 200)
    void steppedIntsLandOnTheirGrid(@ForAll @LongRange(min = -1000, max = 1000) long low,
                                    @ForAll @LongRange(min = 0, max = 500) long width,
                                    @ForAll @IntRange(min = 1, max = 7) int step,
                                    @ForAll @DoubleRange(min = -2000, max = 2000) double anything) {
        IntDistribution d = new IntDistribution(low, low + width, false, step);
        long v = (long) d.toExternal(anything);
        assertThat(v).isBetween(d.low(), d.high());
        assertThat((v - low) % step).isZero();
        assertThat(d.containsInternal(d.toInternal(v))).isTrue();
        assertThat(DistributionText.read(DistributionText.write(d))).isEqualTo(d);
    }

    @Property(tries = 100)
    void categoricalsKeepTheirChoicesExactly(@ForAll @IntRange(min = 0, max = 5) int pick) {
        List<Object> choices = Arrays.asList("a;b", "3:x", 3, 3L, 3.0, false, null);
        CategoricalDistribution d = new CategoricalDistribution(choices);
        CategoricalDistribution back = (CategoricalDistribution) DistributionText.read(DistributionText.write(d));
        assertThat(back.choices()).isEqualTo(choices);
        assertThat(back.toExternal(pick)).isEqualTo(choices.get(pick));
        assertThat(d.toInternal(choices.get(pick))).isEqualTo(pick);
    }

    @Test
    void impossibleRangesAreRefusedWithTheReason() {
        assertThatThrownBy(() -> new FloatDistribution(0, 1, true, null)).hasMessageContaining("needs low > 0");
        assertThatThrownBy(() -> new FloatDistribution(1, 2, true, 0.1)).hasMessageContaining("both log scale and step");
        assertThatThrownBy(() -> new FloatDistribution(2, 1, false, null)).hasMessageContaining("low <= high");
        assertThatThrownBy(() -> new IntDistribution(1, 9, true, 2)).hasMessageContaining("needs step 1");
        assertThatThrownBy(() -> CategoricalDistribution.of(List.of())).hasMessageContaining("at least one choice");
        assertThatThrownBy(() -> CategoricalDistribution.of(List.of("a", "a"))).hasMessageContaining("distinct");
        assertThatThrownBy(() -> CategoricalDistribution.of(List.of(new Object()))).hasMessageContaining("strings, numbers");
        assertThatThrownBy(() -> DistributionText.read("beta;1;2")).hasMessageContaining("unknown distribution");
        assertThat(new FloatDistribution(0, 1, false, 0.3).high()).isCloseTo(0.9, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(new IntDistribution(0, 10, false, 3).high()).isEqualTo(9);
    }
}
