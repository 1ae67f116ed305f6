package dev.netloom.train;

/**
 * The seed of the engine's random generator for one epoch of a run (dropout masks, MoE router
 * noise). Derived from the run's seed and the epoch alone, so that an epoch draws the same
 * numbers whether the run got there in one go or was resumed from a checkpoint.
 */
final class EpochSeed {

    private EpochSeed() {
    }

    /** A well-mixed 32-bit seed (the engine takes an int) for a run's seed and an epoch from 1. */
    static int of(long runSeed, int epoch) {
        long z = runSeed * 0x9E3779B97F4A7C15L + epoch;
        // SplitMix64's finaliser: neighbouring seeds and epochs give unrelated streams.
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        return (int) (z ^ (z >>> 32));
    }
}
