package dev.netloom.hpo.sampler;

import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.math3.analysis.MultivariateFunction;
import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.SimplexOptimizer;

/**
 * A Gaussian-process regression model with a Matérn 5/2 kernel and one length scale per input
 * (automatic relevance determination), zero mean on standardised targets, a signal variance and a
 * noise variance.
 *
 * <p>The hyperparameters are the maximum a posteriori estimate: the log marginal likelihood plus
 * log priors, maximised over their logarithms within bounds with Commons Math's Nelder–Mead
 * simplex from a fixed start and a random restart. (BOBYQA found the same optima but its own
 * bookkeeping cost ~1 ms per step here, five times the likelihood itself.) The priors are those of Optuna's GP sampler
 * (4.x): on each inverse squared length scale λ the log density {@code -(0.1/λ + 0.1 λ)}, which
 * favours length scales near the unit range and makes switching a parameter off (a very long
 * scale) cost evidence; signal variance Gamma(2, 1); noise variance Gamma(1.1, 30) (small noise).
 * The noise has a floor of 1e-6, which also keeps the Cholesky factor stable.
 *
 * <p>Categorical inputs hold a choice index and count as a one-hot vector with one length scale:
 * the squared distance of two one-hot vectors is 2 when the choices differ and 0 when they agree,
 * which the kernel uses without materialising the vectors.
 */
final class GaussianProcess {

    static final double MIN_NOISE = 1e-6;
    private static final double LOG_2PI = Math.log(2 * Math.PI);
    private static final double MIN_LOG_SCALE = Math.log(5e-3);
    private static final double MAX_LOG_SCALE = Math.log(50);
    private static final double MIN_LOG_SIGNAL = Math.log(0.05);
    private static final double MAX_LOG_SIGNAL = Math.log(20);
    private static final double MIN_LOG_NOISE = Math.log(MIN_NOISE);
    private static final double MAX_LOG_NOISE = Math.log(1.0);

    private final double[][] x;
    private final boolean[] categorical;
    private final double[] y;
    private final double[] inverseSquaredScales;
    private final double signal;
    private final double noise;
    private final double[] theta;
    private final double[][] lower;
    private final double[] alpha;

    private GaussianProcess(double[][] x, boolean[] categorical, double[] y, double[] theta) {
        this.x = x;
        this.categorical = categorical;
        this.y = y;
        this.theta = theta;
        int p = categorical.length;
        this.inverseSquaredScales = new double[p];
        for (int j = 0; j < p; j++) {
            inverseSquaredScales[j] = Math.exp(-2 * theta[j]);
        }
        this.signal = Math.exp(theta[p]);
        this.noise = Math.exp(theta[p + 1]);
        Factor f = factor(squaredDistances(x, categorical), inverseSquaredScales, signal, noise, y);
        if (f == null) {
            throw new IllegalStateException("the Gaussian-process kernel matrix is not positive definite");
        }
        this.lower = f.lower;
        this.alpha = f.alpha;
    }

    /**
     * Fits a model to {@code n} points (rows of {@code x}) with standardised targets {@code y}.
     *
     * @param restarts random starts of the hyperparameter search besides the fixed one
     * @param maxEvaluations marginal-likelihood evaluations per start
     */
    static GaussianProcess fit(double[][] x, boolean[] categorical, double[] y, SplittableRandom rng,
                               int restarts, int maxEvaluations) {
        int p = categorical.length;
        double[][][] d2 = squaredDistances(x, categorical);
        double[] lo = new double[p + 2];
        double[] hi = new double[p + 2];
        for (int j = 0; j < p; j++) {
            lo[j] = MIN_LOG_SCALE;
            hi[j] = MAX_LOG_SCALE;
        }
        lo[p] = MIN_LOG_SIGNAL;
        hi[p] = MAX_LOG_SIGNAL;
        lo[p + 1] = MIN_LOG_NOISE;
        hi[p + 1] = MAX_LOG_NOISE;
        Posterior objective = new Posterior(d2, y, p);
        // Nelder–Mead has no bounds: it sees the posterior at the nearest point inside them, less a
        // slope outside, so it walks back in; the posterior itself is only ever evaluated inside.
        MultivariateFunction bounded = theta -> {
            double[] inside = theta.clone();
            double outside = 0;
            for (int j = 0; j < inside.length; j++) {
                double v = Math.max(lo[j], Math.min(hi[j], inside[j]));
                outside += Math.abs(v - inside[j]);
                inside[j] = v;
            }
            return objective.value(inside) - 10 * outside;
        };
        for (int r = 0; r <= restarts; r++) {
            double[] start = new double[p + 2];
            for (int j = 0; j < p; j++) {
                // First start: a length scale of half the unit range; restarts: anywhere in [0.05, 5].
                start[j] = r == 0 ? Math.log(0.5) : Math.log(0.05) + rng.nextDouble() * Math.log(100);
            }
            start[p] = r == 0 ? 0 : Math.log(0.2) + rng.nextDouble() * Math.log(25);
            start[p + 1] = r == 0 ? Math.log(1e-3) : Math.log(1e-5) + rng.nextDouble() * Math.log(1e4);
            try {
                new SimplexOptimizer(1e-6, 1e-3).optimize(new MaxEval(maxEvaluations), new ObjectiveFunction(bounded),
                        GoalType.MAXIMIZE, new InitialGuess(start), new NelderMeadSimplex(p + 2, 0.7));
            } catch (TooManyEvaluationsException stopped) {
                // Out of evaluations: the best point seen so far is kept below.
            }
        }
        double[] theta = objective.best != null ? objective.best : defaults(p);
        return new GaussianProcess(x, categorical, y, theta);
    }

    private static double[] defaults(int p) {
        double[] theta = new double[p + 2];
        java.util.Arrays.fill(theta, 0, p, Math.log(0.5));
        theta[p + 1] = Math.log(1e-3);
        return theta;
    }

    /**
     * The same model (same hyperparameters) with extra points observed at its own posterior mean:
     * the kriging believer, which lowers the variance around trials still running.
     */
    GaussianProcess believing(List<double[]> points) {
        if (points.isEmpty()) {
            return this;
        }
        int n = x.length;
        double[][] x2 = java.util.Arrays.copyOf(x, n + points.size());
        double[] y2 = java.util.Arrays.copyOf(y, n + points.size());
        for (int i = 0; i < points.size(); i++) {
            x2[n + i] = points.get(i);
            y2[n + i] = predict(points.get(i))[0];
        }
        try {
            return new GaussianProcess(x2, categorical, y2, theta);
        } catch (IllegalStateException duplicate) {
            return this; // a running trial at an observed point: nothing to believe
        }
    }

    /** Posterior mean and variance of the latent function at a point (standardised units). */
    double[] predict(double[] point) {
        int n = x.length;
        double[] k = new double[n];
        double mean = 0;
        for (int i = 0; i < n; i++) {
            k[i] = kernel(point, x[i]);
            mean += k[i] * alpha[i];
        }
        // v = L⁻¹ k by forward substitution; variance = k(x, x) - v·v.
        double vv = 0;
        for (int i = 0; i < n; i++) {
            double s = k[i];
            double[] row = lower[i];
            for (int j = 0; j < i; j++) {
                s -= row[j] * k[j];
            }
            k[i] = s / row[i];
            vv += k[i] * k[i];
        }
        return new double[] {mean, Math.max(signal - vv, 1e-12)};
    }

    double[] lengthScales() {
        double[] out = new double[inverseSquaredScales.length];
        for (int j = 0; j < out.length; j++) {
            out[j] = 1 / Math.sqrt(inverseSquaredScales[j]);
        }
        return out;
    }

    double signal() {
        return signal;
    }

    double noise() {
        return noise;
    }

    private double kernel(double[] a, double[] b) {
        double r2 = 0;
        for (int j = 0; j < a.length; j++) {
            double d2;
            if (categorical[j]) {
                d2 = a[j] == b[j] ? 0 : 2;
            } else {
                double d = a[j] - b[j];
                d2 = d * d;
            }
            r2 += d2 * inverseSquaredScales[j];
        }
        return signal * matern52(r2);
    }

    /** Matérn 5/2 correlation at squared distance r²: (1 + √5 r + 5r²/3) exp(-√5 r). */
    static double matern52(double r2) {
        double s5r = Math.sqrt(5 * r2);
        return (1 + s5r + 5 * r2 / 3) * Math.exp(-s5r);
    }

    /** Per-pair, per-input squared distances, lower triangle: d2[i][j][k] for j < i. */
    private static double[][][] squaredDistances(double[][] x, boolean[] categorical) {
        int n = x.length;
        double[][][] d2 = new double[n][][];
        for (int i = 0; i < n; i++) {
            d2[i] = new double[i][categorical.length];
            for (int j = 0; j < i; j++) {
                for (int k = 0; k < categorical.length; k++) {
                    if (categorical[k]) {
                        d2[i][j][k] = x[i][k] == x[j][k] ? 0 : 2;
                    } else {
                        double d = x[i][k] - x[j][k];
                        d2[i][j][k] = d * d;
                    }
                }
            }
        }
        return d2;
    }

    private record Factor(double[][] lower, double[] alpha, double logDet) {
    }

    /** Cholesky factor of K + noise·I (Commons Math), K⁻¹y and log|K|; null if not positive definite. */
    private static Factor factor(double[][][] d2, double[] invSq, double signal, double noise, double[] y) {
        int n = y.length;
        double[][] k = new double[n][n];
        for (int i = 0; i < n; i++) {
            k[i][i] = signal + noise;
            for (int j = 0; j < i; j++) {
                double r2 = 0;
                double[] d = d2[i][j];
                for (int c = 0; c < d.length; c++) {
                    r2 += d[c] * invSq[c];
                }
                double v = signal * matern52(r2);
                k[i][j] = v;
                k[j][i] = v;
            }
        }
        CholeskyDecomposition chol;
        try {
            chol = new CholeskyDecomposition(new Array2DRowRealMatrix(k, false), 1e-12, 1e-12);
        } catch (NonPositiveDefiniteMatrixException e) {
            return null;
        }
        double[][] lower = chol.getL().getData();
        double logDet = 0;
        for (int i = 0; i < n; i++) {
            logDet += 2 * Math.log(lower[i][i]);
        }
        double[] alpha = chol.getSolver().solve(new org.apache.commons.math3.linear.ArrayRealVector(y, false))
                .toArray();
        return new Factor(lower, alpha, logDet);
    }

    /** The log posterior of the hyperparameters (up to a constant); remembers the best point it saw. */
    private static final class Posterior implements MultivariateFunction {
        private final double[][][] d2;
        private final double[] y;
        private final int p;
        private double[] best;
        private double bestValue = Double.NEGATIVE_INFINITY;

        Posterior(double[][][] d2, double[] y, int p) {
            this.d2 = d2;
            this.y = y;
            this.p = p;
        }

        @Override
        public double value(double[] theta) {
            double[] invSq = new double[p];
            double logPrior = 0;
            for (int j = 0; j < p; j++) {
                invSq[j] = Math.exp(-2 * theta[j]);
                logPrior -= 0.1 / invSq[j] + 0.1 * invSq[j];
            }
            double signal = Math.exp(theta[p]);
            double noise = Math.exp(theta[p + 1]);
            logPrior += theta[p] - signal;                 // Gamma(2, 1) on the signal variance
            logPrior += 0.1 * theta[p + 1] - 30 * noise;    // Gamma(1.1, 30) on the noise variance
            Factor f = factor(d2, invSq, signal, noise, y);
            if (f == null) {
                return -1e300;
            }
            double fit = 0;
            for (int i = 0; i < y.length; i++) {
                fit += y[i] * f.alpha[i];
            }
            double value = -0.5 * fit - 0.5 * f.logDet - 0.5 * y.length * LOG_2PI + logPrior;
            if (Double.isNaN(value)) {
                return -1e300;
            }
            if (value > bestValue) {
                bestValue = value;
                best = theta.clone();
            }
            return value;
        }
    }
}
