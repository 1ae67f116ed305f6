package dev.netloom.hpo.sampler;

/**
 * The standard normal distribution: CDF, its inverse and a truncated draw, fast enough to be
 * called tens of thousands of times per suggestion. The CDF uses the Chebyshev-fitted erfc of
 * Numerical Recipes (relative error below 1.2e-7); the inverse uses Acklam's rational
 * approximation with one Halley refinement step.
 */
public final class NormalMath {

    static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

    private NormalMath() {
    }

    /** erfc(x). */
    public static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }

    /** P(Z ≤ z). */
    public static double cdf(double z) {
        return 0.5 * erfc(-z / Math.sqrt(2));
    }

    /** P(a ≤ Z ≤ b) for a ≤ b, accurate in either tail. */
    public static double mass(double a, double b) {
        if (a > 0) {
            return cdf(-a) - cdf(-b);
        }
        return cdf(b) - cdf(a);
    }

    /** The z with P(Z ≤ z) = p, for 0 < p < 1. */
    public static double inverseCdf(double p) {
        if (p <= 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (p >= 1) {
            return Double.POSITIVE_INFINITY;
        }
        double q;
        double x;
        if (p < 0.02425) {
            q = Math.sqrt(-2 * Math.log(p));
            x = (((((-7.784894002430293e-03 * q - 3.223964580411365e-01) * q - 2.400758277161838e+00) * q
                    - 2.549732539343734e+00) * q + 4.374664141464968e+00) * q + 2.938163982698783e+00)
                    / ((((7.784695709041462e-03 * q + 3.224671290700398e-01) * q + 2.445134137142996e+00) * q
                    + 3.754408661907416e+00) * q + 1);
        } else if (p > 1 - 0.02425) {
            q = Math.sqrt(-2 * Math.log(1 - p));
            x = -(((((-7.784894002430293e-03 * q - 3.223964580411365e-01) * q - 2.400758277161838e+00) * q
                    - 2.549732539343734e+00) * q + 4.374664141464968e+00) * q + 2.938163982698783e+00)
                    / ((((7.784695709041462e-03 * q + 3.224671290700398e-01) * q + 2.445134137142996e+00) * q
                    + 3.754408661907416e+00) * q + 1);
        } else {
            q = p - 0.5;
            double r = q * q;
            x = (((((-3.969683028665376e+01 * r + 2.209460984245205e+02) * r - 2.759285104469687e+02) * r
                    + 1.383577518672690e+02) * r - 3.066479806614716e+01) * r + 2.506628277459239e+00) * q
                    / (((((-5.447609879822406e+01 * r + 1.615858368580409e+02) * r - 1.556989798598866e+02) * r
                    + 6.680131188771972e+01) * r - 1.328068155288572e+01) * r + 1);
        }
        double e = cdf(x) - p;
        double u = e * Math.sqrt(2 * Math.PI) * Math.exp(x * x / 2);
        return x - u / (1 + x * u / 2);
    }

    /** A draw of Z conditioned on a ≤ Z ≤ b, from a uniform number {@code u} in [0, 1). */
    public static double truncated(double a, double b, double u) {
        if (a > 0) {
            // Work in the upper tail by symmetry, where cdf(-x) keeps its precision.
            return -truncated(-b, -a, 1 - u);
        }
        double pa = cdf(a);
        double pb = cdf(b);
        double z = inverseCdf(pa + u * (pb - pa));
        if (Double.isNaN(z)) {
            z = (a + b) / 2;
        }
        return Math.min(b, Math.max(a, z));
    }
}
