package dev.netloom.hpo.sampler;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A weighted mixture of kernels over a box, as in Optuna's {@code _ParzenEstimator}: one component
 * per observation plus a prior component (centred, one range wide). Knows nothing of studies.
 *
 * <p>Numeric dimensions use normal kernels truncated to the range; a dimension with a grid step
 * is scored by the probability mass of its cell. Categorical dimensions use per-component
 * probability vectors that put extra weight on the observed choice. Univariate estimators choose
 * each kernel's width from its neighbours; multivariate ones use one width per dimension that
 * shrinks with the number of observations ({@code 0.2 · n^(-1/(d+4)) · range}).
 */
public final class ParzenEstimator {

    /** One dimension of the box, in sampling space (logs already taken). */
    public record Dimension(boolean categorical, int choices, double low, double high, double step) {

        /** A continuous range. */
        public static Dimension numeric(double low, double high) {
            return new Dimension(false, 0, low, high, 0);
        }

        /** A grid of {@code step}; low and high are the outer edges of the end cells. */
        public static Dimension discrete(double low, double high, double step) {
            return new Dimension(false, 0, low, high, step);
        }

        /** A choice among {@code n}. */
        public static Dimension categorical(int n) {
            return new Dimension(true, n, 0, n, 0);
        }
    }

    private final Dimension[] dims;
    private final double[] logWeights;
    private final double[] weights;
    private final double[][] mus;
    private final double[][] sigmas;
    private final double[][] logNorm;
    private final double[][] logConst;
    private final double[][][] logProbs;

    /**
     * @param dims         the dimensions
     * @param observations one row per observation, one column per dimension
     * @param obsWeights   one weight per observation
     * @param priorWeight  the prior component's weight
     * @param multivariate the bandwidth rule
     * @param magicClip    whether widths are at least range / min(100, components)
     */
    public ParzenEstimator(Dimension[] dims, double[][] observations, double[] obsWeights, double priorWeight,
                           boolean multivariate, boolean magicClip) {
        this(dims, columns(observations, dims.length), observations.length, obsWeights, priorWeight, multivariate,
                magicClip);
    }

    /**
     * The same from columns: {@code columns[j][i]} is observation i in dimension j. TPE builds these
     * directly, which spares a small array per observation at every suggestion.
     */
    public static ParzenEstimator ofColumns(Dimension[] dims, double[][] columns, int n, double[] obsWeights,
                                            double priorWeight, boolean multivariate, boolean magicClip) {
        return new ParzenEstimator(dims, columns, n, obsWeights, priorWeight, multivariate, magicClip);
    }

    private static double[][] columns(double[][] rows, int d) {
        double[][] out = new double[d][rows.length];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < d; j++) {
                out[j][i] = rows[i][j];
            }
        }
        return out;
    }

    private ParzenEstimator(Dimension[] dims, double[][] columns, int n, double[] obsWeights, double priorWeight,
                            boolean multivariate, boolean magicClip) {
        int m = n + 1;
        int d = dims.length;
        this.dims = dims.clone();
        this.weights = new double[m];
        double sum = priorWeight;
        for (int i = 0; i < n; i++) {
            weights[i] = obsWeights[i];
            sum += obsWeights[i];
        }
        weights[n] = priorWeight;
        this.logWeights = new double[m];
        for (int i = 0; i < m; i++) {
            weights[i] /= sum;
            logWeights[i] = Math.log(weights[i]);
        }
        this.mus = new double[d][];
        this.sigmas = new double[d][];
        this.logNorm = new double[d][];
        this.logConst = new double[d][];
        this.logProbs = new double[d][][];
        for (int j = 0; j < d; j++) {
            Dimension dim = dims[j];
            double[] col = columns[j];
            if (dim.categorical()) {
                logProbs[j] = categoricalLogProbs(col, n, dim.choices(), priorWeight);
            } else {
                double[] mu = Arrays.copyOf(col, m);
                mu[n] = (dim.low() + dim.high()) / 2;
                double[] sigma = multivariate ? scottSigmas(dim, n, d, m) : neighbourSigmas(dim, mu);
                sigma[n] = dim.high() - dim.low();
                if (magicClip) {
                    double range = dim.high() - dim.low();
                    double min = range / Math.min(100.0, 1.0 + m);
                    for (int i = 0; i < m; i++) {
                        sigma[i] = Math.min(range, Math.max(min, sigma[i]));
                    }
                }
                mus[j] = mu;
                sigmas[j] = sigma;
                double[] norm = new double[m];
                for (int i = 0; i < m; i++) {
                    double mass = NormalMath.mass((dim.low() - mu[i]) / sigma[i], (dim.high() - mu[i]) / sigma[i]);
                    norm[i] = Math.log(Math.max(mass, 1e-300));
                }
                logNorm[j] = norm;
                double[] lc = new double[m];
                for (int i = 0; i < m; i++) {
                    lc[i] = -NormalMath.LOG_SQRT_2PI - Math.log(sigma[i]) - norm[i];
                }
                logConst[j] = lc;
            }
        }
    }

    /**
     * Optuna's categorical kernels: every choice starts at priorWeight / (number of kernels), the
     * observed choice gets 1 more, rows are normalized. The more kernels, the sharper each one, so
     * a choice rarely tried among many bad trials keeps a low density there and gets explored.
     */
    private static double[][] categoricalLogProbs(double[] col, int n, int k, double priorWeight) {
        int kernels = n + 1;
        double[][] p = new double[kernels][k];
        for (int i = 0; i < kernels; i++) {
            double[] row = p[i];
            Arrays.fill(row, priorWeight / kernels);
            if (i < n) {
                row[(int) col[i]] += 1;
            }
            double s = 0;
            for (double v : row) {
                s += v;
            }
            for (int c = 0; c < k; c++) {
                row[c] = Math.log(row[c] / s);
            }
        }
        return p;
    }

    private static double[] scottSigmas(Dimension dim, int n, int d, int m) {
        double s = 0.2 * Math.pow(Math.max(n, 1), -1.0 / (d + 4)) * (dim.high() - dim.low());
        double[] sigma = new double[m];
        Arrays.fill(sigma, s);
        return sigma;
    }

    /** Each width is the larger gap to a neighbour, over the sorted centres including the prior's. */
    private static double[] neighbourSigmas(Dimension dim, double[] mu) {
        int m = mu.length;
        int[] order = argsort(mu);
        double[] sigma = new double[m];
        for (int r = 0; r < m; r++) {
            double here = mu[order[r]];
            // max(0, ...): the argsort may swap centres closer than 1e-11 relative; their gap is then ~0 either way.
            double left = r > 0 ? Math.max(0, here - mu[order[r - 1]]) : here - dim.low();
            double right = r < m - 1 ? Math.max(0, mu[order[r + 1]] - here) : dim.high() - here;
            if (m >= 2 && r == 0) {
                left = right; // Optuna's default: endpoints are not neighbours.
            } else if (m >= 2 && r == m - 1) {
                right = left;
            }
            sigma[order[r]] = Math.max(left, right);
        }
        return sigma;
    }

    /**
     * The indices of {@code v} in ascending order of value. At a thousand trials this runs for every
     * parameter of every suggestion, so it sorts one primitive array: each value's order-preserving
     * bit pattern with its low bits replaced by its index.
     */
    static int[] argsort(double[] v) {
        int n = v.length;
        int[] order = new int[n];
        if (n >= 1 << 16) {
            Integer[] boxed = new Integer[n];
            for (int i = 0; i < n; i++) {
                boxed[i] = i;
            }
            Arrays.sort(boxed, (a, b) -> Double.compare(v[a], v[b]));
            for (int i = 0; i < n; i++) {
                order[i] = boxed[i];
            }
            return order;
        }
        long[] packed = new long[n];
        for (int i = 0; i < n; i++) {
            long bits = Double.doubleToLongBits(v[i]);
            long sortable = bits ^ ((bits >> 63) & Long.MAX_VALUE);
            packed[i] = (sortable & ~0xFFFFL) | i;
        }
        Arrays.sort(packed);
        for (int i = 0; i < n; i++) {
            order[i] = (int) (packed[i] & 0xFFFFL);
        }
        return order;
    }

    /** {@code count} points drawn from the mixture, one row each. */
    public double[][] sample(SplittableRandom rng, int count) {
        double[][] out = new double[count][dims.length];
        for (int s = 0; s < count; s++) {
            int c = pickComponent(rng.nextDouble());
            for (int j = 0; j < dims.length; j++) {
                Dimension dim = dims[j];
                if (dim.categorical()) {
                    out[s][j] = pickChoice(logProbs[j][c], rng.nextDouble());
                } else {
                    double mu = mus[j][c];
                    double sg = sigmas[j][c];
                    double z = NormalMath.truncated((dim.low() - mu) / sg, (dim.high() - mu) / sg, rng.nextDouble());
                    double x = mu + z * sg;
                    if (dim.step() > 0) {
                        double lowCentre = dim.low() + dim.step() / 2;
                        double highCentre = dim.high() - dim.step() / 2;
                        x = lowCentre + Math.round((x - lowCentre) / dim.step()) * dim.step();
                        x = Math.min(highCentre, Math.max(lowCentre, x));
                    }
                    out[s][j] = x;
                }
            }
        }
        return out;
    }

    /** The log density (log mass on grids and categories) of each row of {@code points}. */
    public double[] logPdf(double[][] points) {
        int m = weights.length;
        double[] out = new double[points.length];
        double[] terms = new double[m];
        for (int s = 0; s < points.length; s++) {
            double[] x = points[s];
            System.arraycopy(logWeights, 0, terms, 0, m);
            for (int j = 0; j < dims.length; j++) {
                Dimension dim = dims[j];
                if (dim.categorical()) {
                    int c = (int) x[j];
                    double[][] lp = logProbs[j];
                    for (int i = 0; i < m; i++) {
                        terms[i] += lp[i][c];
                    }
                } else if (dim.step() > 0) {
                    double half = dim.step() / 2;
                    for (int i = 0; i < m; i++) {
                        double sg = sigmas[j][i];
                        double mass = NormalMath.mass((x[j] - half - mus[j][i]) / sg, (x[j] + half - mus[j][i]) / sg);
                        terms[i] += Math.log(Math.max(mass, 1e-300)) - logNorm[j][i];
                    }
                } else {
                    double[] mu = mus[j];
                    double[] sg = sigmas[j];
                    double[] lc = logConst[j];
                    double xj = x[j];
                    for (int i = 0; i < m; i++) {
                        double z = (xj - mu[i]) / sg[i];
                        terms[i] += -0.5 * z * z + lc[i];
                    }
                }
            }
            out[s] = logSumExp(terms);
        }
        return out;
    }

    private int pickComponent(double u) {
        double acc = 0;
        for (int i = 0; i < weights.length; i++) {
            acc += weights[i];
            if (u < acc) {
                return i;
            }
        }
        return weights.length - 1;
    }

    private static int pickChoice(double[] logP, double u) {
        double acc = 0;
        for (int c = 0; c < logP.length; c++) {
            acc += Math.exp(logP[c]);
            if (u < acc) {
                return c;
            }
        }
        return logP.length - 1;
    }

    static double logSumExp(double[] a) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : a) {
            max = Math.max(max, v);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            return max;
        }
        double s = 0;
        // Terms below max - 40 add less than 1e-17 relative: skipping their exp is exact in doubles
        // and saves most of the work, since a point is near few of a thousand narrow kernels.
        double floor = max - 40;
        for (double v : a) {
            if (v > floor) {
                s += Math.exp(v - max);
            }
        }
        return max + Math.log(s);
    }
}
