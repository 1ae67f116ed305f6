package dev.netloom.train;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** When a loss counts as diverged: not a number, or an explosion above the recent median and the loss of guessing. */
class DivergenceGuardTest {

    @Test
    void aLossThatIsNotANumberDivergesAtOnce() {
        DivergenceGuard guard = new DivergenceGuard(10);
        assertThat(guard.check(Double.NaN)).isEqualTo("the loss became NaN");
        assertThat(guard.check(Double.POSITIVE_INFINITY)).isEqualTo("the loss became infinite");
    }

    @Test
    void anExplosionNeedsAHistoryTenTimesTheMedianAndMoreThanGuessing() {
        DivergenceGuard guard = new DivergenceGuard(10);
        assertThat(guard.check(40)).as("no history yet").isNull();
        for (int i = 0; i < 20; i++) {
            assertThat(guard.check(1.0 + i * 0.01)).isNull();
        }
        assertThat(guard.check(9.0)).as("9x the median").isNull();
        assertThat(guard.check(25.0)).startsWith("the loss jumped to 25.00, 23x its recent median");
    }

    @Test
    void aHardBatchLateInTrainingIsNotADivergence() {
        DivergenceGuard guard = new DivergenceGuard(9);
        for (int i = 0; i < 50; i++) {
            assertThat(guard.check(0.01)).isNull();
        }
        // 30x the median, but well below 2 ln 9 = 4.39: one hard batch, not blown-up weights.
        assertThat(guard.check(0.3)).isNull();
        assertThat(guard.check(4.5)).startsWith("the loss jumped to 4.500");
    }
}
