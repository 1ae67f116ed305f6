package dev.netloom.export.calibrate;

import dev.netloom.export.onnx.ActivationRanges;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Entropy (KL) calibration clips a long thin tail, keeps a distribution without one, and is a third --calibration choice. */
class EntropyRangeTest {

    private static double high(ActivationRanges.Range r) {
        return (255 - r.zeroPoint()) * (double) r.scale();
    }

    private static double low(ActivationRanges.Range r) {
        return -r.zeroPoint() * (double) r.scale();
    }

    private static Calibration.Observed observe(float[] values) {
        Calibration.Observed seen = new Calibration.Observed(200_000);
        seen.add(values);
        return seen;
    }

    /** After a ReLU, most values near zero and a long tail (exponential), with a few far outliers. */
    @Test
    void aSkewedActivationGetsATighterRangeThanMinMax() {
        Random r = new Random(7);
        float[] values = new float[100_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (-Math.log(1 - r.nextDouble())); // exponential, mean 1, median 0.69
        }
        for (int i = 0; i < 20; i++) {
            values[i * 4_999] = 60f + i; // rare far outliers
        }
        Calibration.Observed seen = observe(values);
        ActivationRanges.Range minMax = seen.range(Calibration.MIN_MAX);
        ActivationRanges.Range entropy = seen.range(Calibration.ENTROPY);
        assertThat(high(minMax)).isGreaterThanOrEqualTo(79 - minMax.scale());
        // Tighter than min-max by far (a step at least 5x finer for the bulk), yet above nearly all the bulk.
        assertThat(high(entropy)).isLessThan(high(minMax) / 5).isGreaterThan(5.0);
        assertThat(low(entropy)).isEqualTo(0.0); // values of one sign: zero point 0, all 255 steps above it
        assertThat(entropy.zeroPoint()).isZero();
    }

    /** Without a tail there is nothing to gain by clipping: nearly the whole range is kept. */
    @Test
    void aUniformDistributionKeepsItsRange() {
        Random r = new Random(3);
        float[] values = new float[100_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) r.nextDouble() * 6f;
        }
        double t = EntropyRange.threshold(values, 255);
        assertThat(t).isGreaterThan(0.95 * 6).isLessThanOrEqualTo(6.0);
    }

    /** Values of both signs: the threshold bounds both sides, and a one-sided outlier does not stretch the range. */
    @Test
    void bothSignsAreClippedSymmetricallyAroundZero() {
        Random r = new Random(11);
        float[] values = new float[100_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) r.nextGaussian();
        }
        values[5] = 50f;
        ActivationRanges.Range entropy = observe(values).range(Calibration.ENTROPY);
        assertThat(high(entropy)).isBetween(2.0, 8.0);
        assertThat(low(entropy)).isBetween(-8.0, -2.0);
        assertThat(EntropyRange.threshold(new float[] {0f, 0f}, 128)).isZero();
        assertThat(Calibration.parse("Entropy")).contains(Calibration.ENTROPY);
        assertThat(Calibration.words()).isEqualTo("minmax, percentile, entropy");
    }
}
