package dev.netloom.hpo.sampler;

import org.apache.commons.math3.special.Erf;

/**
 * The logarithm of expected improvement, computed so that it stays finite and ordered far into
 * the tail where EI itself underflows to 0 (LogEI, Ament et al., "Unexpected Improvements to
 * Expected Improvement for Bayesian Optimization", NeurIPS 2023). Plain EI is flat zero over most
 * of a well-explored space, which leaves a local optimiser nothing to climb; log EI keeps a slope.
 *
 * <p>With {@code z = (best - mean) / sd} for a loss, {@code EI = sd · h(z)} and
 * {@code h(z) = φ(z) + z Φ(z)}. Uses Commons Math's erfc (relative error near 1e-15), not the
 * faster single-precision one of {@link NormalMath}, because the middle branch subtracts nearly
 * equal numbers.
 */
final class LogEi {

    private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
    private static final double SQRT2 = Math.sqrt(2);

    private LogEi() {
    }

    /** log EI of a loss with this posterior mean and standard deviation, against the best loss so far. */
    static double of(double mean, double sd, double best) {
        double z = (best - mean) / sd;
        return logH(z) + Math.log(sd);
    }

    /** log h(z), h(z) = φ(z) + z Φ(z). */
    static double logH(double z) {
        if (z > -1) {
            return Math.log(Math.exp(-0.5 * z * z - LOG_SQRT_2PI) + z * cdf(z));
        }
        double logPhi = -0.5 * z * z - LOG_SQRT_2PI;
        if (z > -10) {
            // h = φ(z) (1 + z Φ(z)/φ(z)); both factors are representable down to z ≈ -37.
            double mills = cdf(z) / Math.exp(logPhi);
            return logPhi + Math.log1p(z * mills);
        }
        // Asymptotic series of h(z)/φ(z) for z → -∞: 1/z² - 3/z⁴ + 15/z⁶ - 105/z⁸ (relative error < 1e-5 here).
        double w = 1 / (z * z);
        return logPhi + Math.log(w * (1 - w * (3 - w * (15 - w * 105))));
    }

    /** log P(Z ≤ z), finite for any z (the probability of feasibility of a constraint). */
    static double logCdf(double z) {
        if (z > -8) {
            return Math.log(cdf(z));
        }
        // Mills-ratio series: Φ(z) ≈ φ(z)/|z| (1 - 1/z² + 3/z⁴ - 15/z⁶), relative error < 1e-5 here.
        double w = 1 / (z * z);
        return -0.5 * z * z - LOG_SQRT_2PI - Math.log(-z) + Math.log(1 - w * (1 - w * (3 - w * 15)));
    }

    static double cdf(double z) {
        return 0.5 * Erf.erfc(-z / SQRT2);
    }
}
