package dev.netloom.hpo.sampler;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * One run of the (μ/μ_w, λ) CMA-ES (Hansen, "The CMA Evolution Strategy: A Tutorial", 2016) on
 * the box {@code [0, 1]^n}, minimizing. Knows nothing of studies: {@link #ask} a point,
 * {@link #tell} a full generation of (point, value) pairs.
 *
 * <p>Integer dimensions get a <em>margin</em> (after Hamano et al. 2022, simplified to a diagonal
 * scaling): their sampling spread is kept at least wide enough that a draw leaves the current
 * grid cell with probability {@code 1/(n·λ)}, so the search cannot freeze on a plateau of one
 * integer value.
 */
public final class CmaEs {

    private final int n;
    private final int lambda;
    private final int mu;
    private final double[] w;
    private final double muEff;
    private final double cSigma;
    private final double dSigma;
    private final double cc;
    private final double c1;
    private final double cMu;
    private final double chiN;
    private final double[] cellWidth;
    private final double sigma0;

    private double[] mean;
    private double sigma;
    private double[][] c;
    private double[][] b;
    private double[] d;
    private double[] pSigma;
    private double[] pc;
    private final double[] margin;
    private int generation;
    private final double[] bestHistory = new double[64];
    private int historyCount;

    /**
     * @param mean      the start, in [0,1]^n
     * @param sigma     the start step size
     * @param lambda    the population size (0 for the default 4 + ⌊3 ln n⌋)
     * @param cellWidth per dimension the width of one integer cell in [0,1], or 0 for continuous ones
     */
    public CmaEs(double[] mean, double sigma, int lambda, double[] cellWidth) {
        this.n = mean.length;
        this.lambda = lambda > 0 ? lambda : defaultPopulation(n);
        this.mu = this.lambda / 2;
        double[] raw = new double[mu];
        double sum = 0;
        for (int i = 0; i < mu; i++) {
            raw[i] = Math.log((this.lambda + 1) / 2.0) - Math.log(i + 1);
            sum += raw[i];
        }
        double sumSq = 0;
        for (int i = 0; i < mu; i++) {
            raw[i] /= sum;
            sumSq += raw[i] * raw[i];
        }
        this.w = raw;
        this.muEff = 1 / sumSq;
        this.cSigma = (muEff + 2) / (n + muEff + 5);
        this.dSigma = 1 + 2 * Math.max(0, Math.sqrt((muEff - 1) / (n + 1)) - 1) + cSigma;
        this.cc = (4 + muEff / n) / (n + 4 + 2 * muEff / n);
        this.c1 = 2 / ((n + 1.3) * (n + 1.3) + muEff);
        this.cMu = Math.min(1 - c1, 2 * (muEff - 2 + 1 / muEff) / ((n + 2) * (n + 2) + muEff));
        this.chiN = Math.sqrt(n) * (1 - 1.0 / (4 * n) + 1.0 / (21.0 * n * n));
        this.cellWidth = cellWidth.clone();
        this.sigma0 = sigma;
        this.mean = mean.clone();
        this.sigma = sigma;
        this.c = identity(n);
        this.b = identity(n);
        this.d = new double[n];
        Arrays.fill(d, 1);
        this.pSigma = new double[n];
        this.pc = new double[n];
        this.margin = new double[n];
        Arrays.fill(margin, 1);
        applyMargin();
    }

    /** 4 + ⌊3 ln n⌋. */
    public static int defaultPopulation(int n) {
        return 4 + (int) Math.floor(3 * Math.log(n));
    }

    public int populationSize() {
        return lambda;
    }

    public int generation() {
        return generation;
    }

    public double[] mean() {
        return mean.clone();
    }

    public double sigma() {
        return sigma;
    }

    /** A candidate point (not clipped to the box). */
    public double[] ask(SplittableRandom rng) {
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            z[i] = rng.nextGaussian() * d[i];
        }
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            double y = 0;
            for (int k = 0; k < n; k++) {
                y += b[i][k] * z[k];
            }
            x[i] = mean[i] + sigma * margin[i] * y;
        }
        return x;
    }

    /** Updates the distribution from one generation: exactly {@link #populationSize()} points and their values. */
    public void tell(double[][] xs, double[] values) {
        if (xs.length != lambda || values.length != lambda) {
            throw new IllegalArgumentException("tell needs " + lambda + " solutions, got " + xs.length);
        }
        Integer[] order = new Integer[lambda];
        for (int i = 0; i < lambda; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> values[i]));
        recordBest(values[order[0]], values[order[lambda - 1]]);
        double[][] ys = new double[mu][n];
        double[] yw = new double[n];
        for (int r = 0; r < mu; r++) {
            double[] x = xs[order[r]];
            for (int i = 0; i < n; i++) {
                ys[r][i] = (x[i] - mean[i]) / (sigma * margin[i]);
                yw[i] += w[r] * ys[r][i];
            }
        }
        for (int i = 0; i < n; i++) {
            mean[i] += sigma * margin[i] * yw[i];
        }
        double[] invSqrtCy = multiply(invSqrtC(), yw);
        double ks = Math.sqrt(cSigma * (2 - cSigma) * muEff);
        double norm = 0;
        for (int i = 0; i < n; i++) {
            pSigma[i] = (1 - cSigma) * pSigma[i] + ks * invSqrtCy[i];
            norm += pSigma[i] * pSigma[i];
        }
        norm = Math.sqrt(norm);
        generation++;
        boolean hSigma = norm / Math.sqrt(1 - Math.pow(1 - cSigma, 2.0 * generation)) < (1.4 + 2.0 / (n + 1)) * chiN;
        double kc = Math.sqrt(cc * (2 - cc) * muEff);
        for (int i = 0; i < n; i++) {
            pc[i] = (1 - cc) * pc[i] + (hSigma ? kc * yw[i] : 0);
        }
        double keep = 1 - c1 - cMu + (hSigma ? 0 : c1 * cc * (2 - cc));
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double rankMu = 0;
                for (int r = 0; r < mu; r++) {
                    rankMu += w[r] * ys[r][i] * ys[r][j];
                }
                double v = keep * c[i][j] + c1 * pc[i] * pc[j] + cMu * rankMu;
                c[i][j] = v;
                c[j][i] = v;
            }
        }
        sigma *= Math.exp((cSigma / dSigma) * (norm / chiN - 1));
        sigma = Math.min(sigma, 1e3);
        decompose();
        applyMargin();
    }

    /** Whether this run has converged or degenerated, so that an IPOP restart is due. */
    public boolean shouldStop() {
        double maxSd = 0;
        for (int i = 0; i < n; i++) {
            maxSd = Math.max(maxSd, sigma * Math.sqrt(c[i][i]));
        }
        if (maxSd < 1e-12 * sigma0 * 1e3 || Double.isNaN(maxSd)) {
            return true;
        }
        double maxD = Arrays.stream(d).max().orElse(1);
        double minD = Arrays.stream(d).min().orElse(1);
        if (minD <= 0 || (maxD / minD) * (maxD / minD) > 1e14) {
            return true;
        }
        int needed = Math.min(bestHistory.length, 10 + (int) Math.ceil(30.0 * n / lambda));
        if (historyCount >= needed) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < needed; k++) {
                double v = bestHistory[(historyCount - 1 - k) % bestHistory.length];
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            return hi - lo < 1e-12 && lastRange < 1e-12;
        }
        return false;
    }

    private double lastRange = Double.POSITIVE_INFINITY;

    private void recordBest(double best, double worst) {
        bestHistory[historyCount % bestHistory.length] = best;
        historyCount++;
        lastRange = worst - best;
    }

    private void decompose() {
        RealMatrix m = new Array2DRowRealMatrix(c, false);
        EigenDecomposition e = new EigenDecomposition(m);
        double[] ev = e.getRealEigenvalues();
        for (int k = 0; k < n; k++) {
            d[k] = Math.sqrt(Math.max(ev[k], 1e-30));
            for (int i = 0; i < n; i++) {
                b[i][k] = e.getV().getEntry(i, k);
            }
        }
    }

    private double[][] invSqrtC() {
        double[][] out = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int k = 0; k < n; k++) {
                    s += b[i][k] * b[j][k] / d[k];
                }
                out[i][j] = s;
            }
        }
        return out;
    }

    /** Keeps P(leaving the current integer cell) ≥ 1/(n·λ) for each integer dimension. */
    private void applyMargin() {
        double alpha = 1.0 / (n * lambda);
        double zQuantile = NormalMath.inverseCdf(1 - alpha / 2);
        for (int i = 0; i < n; i++) {
            if (cellWidth[i] <= 0) {
                continue;
            }
            double minSd = (cellWidth[i] / 2) / zQuantile;
            double sd = sigma * Math.sqrt(c[i][i]);
            margin[i] = sd > 0 ? Math.max(1, minSd / sd) : 1;
        }
    }

    private static double[] multiply(double[][] m, double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            double s = 0;
            for (int j = 0; j < v.length; j++) {
                s += m[i][j] * v[j];
            }
            out[i] = s;
        }
        return out;
    }

    private static double[][] identity(int n) {
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) {
            m[i][i] = 1;
        }
        return m;
    }
}
