package dev.netloom.hpo.sampler;

import java.util.SplittableRandom;

/**
 * Random streams derived from a sampler's seed, one per (trial number, purpose). Deriving per
 * trial, rather than drawing from one shared generator, keeps a sampler reproducible even when
 * threads interleave their suggestions differently from run to run.
 */
final class SeededRandom {

    private SeededRandom() {
    }

    static SplittableRandom of(long seed, int trialNumber, String purpose) {
        long h = seed * 0x9E3779B97F4A7C15L + trialNumber;
        h ^= (purpose.hashCode() + 0x632BE59BD9B4E019L) * 0xC2B2AE3D27D4EB4FL;
        h ^= h >>> 31;
        return new SplittableRandom(h);
    }
}
