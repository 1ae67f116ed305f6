package dev.netloom.hpo.sampler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ParzenEstimatorTest {

    @Property(tries = 60)
    void samplesStayInTheBoxAndOnTheGrid(@ForAll @DoubleRange(min = -100, max = 100) double low,
                                         @ForAll @DoubleRange(min = 0.01, max = 50) double width,
                                         @ForAll @IntRange(min = 0, max = 30) int n, @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] obs = new double[n][3];
        for (double[] row : obs) {
            row[0] = low + rng.nextDouble() * width;
            row[1] = rng.nextInt(0, 6) * 2.0;
            row[2] = rng.nextInt(4);
        }
        ParzenEstimator.Dimension[] dims = {ParzenEstimator.Dimension.numeric(low, low + width),
                ParzenEstimator.Dimension.discrete(-1, 11, 2), ParzenEstimator.Dimension.categorical(4)};
        ParzenEstimator pe = new ParzenEstimator(dims, obs, TpeSettings.weights(n), 1.0, seed % 2 == 0, true);
        for (double[] s : pe.sample(rng, 50)) {
            assertThat(s[0]).isBetween(low, low + width);
            assertThat(s[1]).isIn(0.0, 2.0, 4.0, 6.0, 8.0, 10.0);
            assertThat(s[2]).isIn(0.0, 1.0, 2.0, 3.0);
        }
    }

    @Test
    void theDensityIntegratesToOneAndTheMassesSumToOne() {
        SplittableRandom rng = new SplittableRandom(4);
        double[][] obs = {{0.1, 0}, {0.15, 2}, {0.8, 2}, {0.5, 1}};
        ParzenEstimator pe = new ParzenEstimator(
                new ParzenEstimator.Dimension[] {ParzenEstimator.Dimension.numeric(0, 1),
                        ParzenEstimator.Dimension.discrete(-0.5, 4.5, 1)},
                obs, TpeSettings.weights(4), 1.0, false, true);
        double total = 0;
        int steps = 4000;
        for (int k = 0; k < 5; k++) {
            double[][] pts = new double[steps][];
            for (int i = 0; i < steps; i++) {
                pts[i] = new double[] {(i + 0.5) / steps, k};
            }
            for (double lp : pe.logPdf(pts)) {
                total += Math.exp(lp) / steps;
            }
        }
        assertThat(total).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-3));
        assertThat(rng).isNotNull();
    }

    @Property(tries = 100)
    void argsortOrdersAnyValues(@ForAll java.util.List<@DoubleRange(min = -1e300, max = 1e300) Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        int[] order = ParzenEstimator.argsort(v);
        assertThat(java.util.Arrays.stream(order).sorted().toArray())
                .isEqualTo(java.util.stream.IntStream.range(0, v.length).toArray());
        for (int r = 1; r < order.length; r++) {
            // Values within 1e-11 relative may come in either order; all others strictly ascend.
            assertThat(v[order[r]]).isGreaterThanOrEqualTo(v[order[r - 1]] - 1e-11 * Math.abs(v[order[r - 1]]));
        }
    }

    /** The figures of docs/figures.md: gamma(n) = min(ceil(0.1 n), 25); flat weights for the newest 25, a ramp before. */
    @Test
    void optunaWeightsAndGamma() {
        assertThat(TpeSettings.gamma(10)).isEqualTo(1);
        assertThat(TpeSettings.gamma(101)).isEqualTo(11);
        assertThat(TpeSettings.gamma(1000)).isEqualTo(25);
        assertThat(TpeSettings.weights(25)).containsOnly(1.0);
        double[] w = TpeSettings.weights(35);
        assertThat(w[0]).isCloseTo(1.0 / 35, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(w[9]).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(w[5]).isBetween(w[4], w[6]);
    }

    @Test
    void theNormalCdfAndItsInverseAgree() {
        for (double p : new double[] {1e-10, 1e-4, 0.02, 0.3, 0.5, 0.77, 0.999}) {
            assertThat(NormalMath.cdf(NormalMath.inverseCdf(p))).isCloseTo(p, org.assertj.core.data.Percentage.withPercentage(1e-3));
        }
        assertThat(NormalMath.cdf(1.959963984540054)).isCloseTo(0.975, org.assertj.core.data.Offset.offset(1e-7));
        for (int i = 0; i < 100; i++) {
            double z = NormalMath.truncated(5, 6, i / 100.0);
            assertThat(z).isBetween(5.0, 6.0);
        }
    }
}
