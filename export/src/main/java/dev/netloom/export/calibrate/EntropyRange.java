package dev.netloom.export.calibrate;

/**
 * Entropy (KL divergence) calibration, as TensorRT's INT8 calibrator chooses a range (Migacz,
 * "8-bit Inference with TensorRT", GTC 2017): histogram the magnitudes of the values in 2,048
 * bins; for every candidate clipping point {@code i} from the number of quantization levels up to
 * 2,048 bins, compare the distribution clipped there (values beyond folded into the last bin) with
 * the same distribution quantized to the levels, and keep the point whose KL divergence is least.
 * A long, thin tail is clipped (its few values saturate) so that the many values near zero get a
 * finer step; a distribution without a tail keeps nearly its whole range.
 */
public final class EntropyRange {

    /** Histogram bins over [0, the largest magnitude]. */
    static final int BINS = 2048;

    private EntropyRange() {
    }

    /**
     * The clipping threshold for these values' magnitudes.
     *
     * @param values the observed values (a sample is enough)
     * @param levels quantization levels the range is cut into on one side of zero: 255 for values
     *        of one sign in uint8, 128 for values of both signs
     * @return a threshold in (0, max |v|]; 0 when every value is 0
     */
    public static double threshold(float[] values, int levels) {
        if (levels < 2 || levels > BINS) {
            throw new IllegalArgumentException("levels must be from 2 to " + BINS + ", got " + levels);
        }
        double amax = 0;
        for (float v : values) {
            amax = Math.max(amax, Math.abs(v));
        }
        if (!(amax > 0) || !Double.isFinite(amax)) {
            return 0;
        }
        double width = amax / BINS;
        long[] hist = new long[BINS];
        for (float v : values) {
            hist[Math.min(BINS - 1, (int) (Math.abs(v) / width))]++;
        }
        long[] beyond = new long[BINS + 1]; // beyond[i] = values in bins i and above
        for (int i = BINS - 1; i >= 0; i--) {
            beyond[i] = beyond[i + 1] + hist[i];
        }
        int best = BINS;
        double bestKl = Double.POSITIVE_INFINITY;
        double[] p = new double[BINS];
        double[] q = new double[BINS];
        for (int i = levels; i <= BINS; i++) {
            double kl = divergence(hist, beyond, i, levels, p, q);
            if (kl < bestKl) {
                bestKl = kl;
                best = i;
            }
        }
        return Math.min(amax, best * width);
    }

    /** KL(P || Q) of the histogram clipped at {@code i} bins (P) and its quantization to {@code levels} (Q). */
    private static double divergence(long[] hist, long[] beyond, int i, int levels, double[] p, double[] q) {
        for (int j = 0; j < i; j++) {
            p[j] = hist[j];
        }
        p[i - 1] += beyond[i]; // the clipped values saturate at the range's end
        // Q: the first i bins merged into `levels` groups, each group's count spread over its non-empty bins.
        for (int g = 0; g < levels; g++) {
            int from = (int) ((long) g * i / levels);
            int to = (int) ((long) (g + 1) * i / levels);
            double sum = 0;
            int nonEmpty = 0;
            for (int j = from; j < to; j++) {
                sum += hist[j];
                if (hist[j] > 0) {
                    nonEmpty++;
                }
            }
            for (int j = from; j < to; j++) {
                q[j] = hist[j] > 0 ? sum / nonEmpty : 0;
            }
        }
        double pSum = 0;
        double qSum = 0;
        for (int j = 0; j < i; j++) {
            pSum += p[j];
            qSum += q[j];
        }
        if (pSum == 0 || qSum == 0) {
            return Double.POSITIVE_INFINITY;
        }
        double kl = 0;
        for (int j = 0; j < i; j++) {
            if (p[j] > 0) {
                double pj = p[j] / pSum;
                // A bin the quantized form leaves empty (the saturated last bin of a clipped tail) gets a small
                // floor, as TensorRT's and ONNX Runtime's calibrators smooth it, so it costs a lot but not infinity.
                double qj = Math.max(q[j] / qSum, 1e-4 / i);
                kl += pj * Math.log(pj / qj);
            }
        }
        return kl;
    }
}
