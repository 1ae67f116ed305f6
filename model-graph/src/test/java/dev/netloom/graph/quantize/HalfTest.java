package dev.netloom.graph.quantize;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HalfTest {

    @Test
    void knownValuesHaveTheirIeeeBits() {
        assertThat(Half.fromFloat(1f)).isEqualTo((short) 0x3c00);
        assertThat(Half.fromFloat(-2f)).isEqualTo((short) 0xc000);
        assertThat(Half.fromFloat(65504f)).isEqualTo((short) 0x7bff);  // largest half
        assertThat(Half.fromFloat(70000f)).isEqualTo((short) 0x7c00);  // overflows to infinity
        assertThat(Half.fromFloat(0x1p-24f)).isEqualTo((short) 0x0001); // smallest subnormal
        assertThat(Half.fromFloat(0x1p-26f)).isEqualTo((short) 0);      // below half the smallest: zero
        assertThat(Half.fromFloat(-0f)).isEqualTo((short) 0x8000);
        assertThat(Float.isNaN(Half.toFloat(Half.fromFloat(Float.NaN)))).isTrue();
    }

    @Test
    void everyHalfSurvivesTheRoundTrip() {
        for (int bits = 0; bits < 0x10000; bits++) {
            short h = (short) bits;
            float f = Half.toFloat(h);
            if (Float.isNaN(f)) {
                continue;
            }
            assertThat(Half.fromFloat(f)).as("0x%04x", bits).isEqualTo(h);
        }
    }

    @Test
    void tiesRoundToEven() {
        // 1 + 2^-11 lies exactly between 1 and the next half (1 + 2^-10): ties go to the even one, 1.
        assertThat(Half.round(1f + 0x1p-11f)).isEqualTo(1f);
        // 1 + 3·2^-11 lies between 1 + 2^-10 (odd) and 1 + 2^-9 (even): goes up.
        assertThat(Half.round(1f + 3 * 0x1p-11f)).isEqualTo(1f + 0x1p-9f);
    }

    @Test
    void roundingIsToTheNearestHalf() {
        java.util.Random random = new java.util.Random(3);
        for (int i = 0; i < 100_000; i++) {
            float f = (float) (random.nextGaussian() * Math.pow(10, random.nextInt(8) - 4));
            float r = Half.round(f);
            float ulp = Math.ulp(r) * (1 << 13); // a half's ulp at this magnitude (normal range)
            if (Math.abs(f) > 6.2e-5f && Math.abs(f) < 65000) {
                assertThat((double) Math.abs(r - f)).as("%s -> %s", f, r).isLessThanOrEqualTo(ulp / 2 * 1.0001);
            }
        }
    }
}
