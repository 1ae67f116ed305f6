package dev.netloom.export.calibrate;

import dev.netloom.export.onnx.ActivationRanges;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;

/**
 * How a static INT8 activation range is chosen from the values a tensor took on calibration data
 * (as ONNX Runtime's quantization tool offers them): {@link #MIN_MAX} covers every value seen;
 * {@link #PERCENTILE} covers the central 99.99% (ignoring the rarest outliers buys a finer step
 * for all other values); {@link #ENTROPY} clips where the quantized distribution stays closest to
 * the observed one in KL divergence (TensorRT's calibrator, {@link EntropyRange}).
 */
public enum Calibration {
    MIN_MAX("minmax"),
    PERCENTILE("percentile"),
    ENTROPY("entropy");

    /** The share of values a percentile range covers. */
    public static final double COVERED = 0.9999;

    private final String word;

    Calibration(String word) {
        this.word = word;
    }

    /** The word the command line uses. */
    public String word() {
        return word;
    }

    /** The method a word names, or empty. */
    public static Optional<Calibration> parse(String word) {
        return Arrays.stream(values()).filter(c -> c.word.equalsIgnoreCase(word == null ? "" : word.trim())).findFirst();
    }

    /** Every method's word, for messages. */
    public static String words() {
        return String.join(", ", Arrays.stream(values()).map(Calibration::word).toList());
    }

    /**
     * The values one tensor took, seen in batches: exact extremes and an evenly drawn sample of
     * at most {@code capacity} values (reservoir sampling, seeded, so a calibration is repeatable)
     * for the percentiles.
     */
    public static final class Observed {
        private final float[] sample;
        private final Random random = new Random(20261203L);
        private long seen;
        private double min = Double.POSITIVE_INFINITY;
        private double max = Double.NEGATIVE_INFINITY;

        public Observed(int capacity) {
            this.sample = new float[capacity];
        }

        public void add(float[] values) {
            for (float v : values) {
                min = Math.min(min, v);
                max = Math.max(max, v);
                if (seen < sample.length) {
                    sample[(int) seen] = v;
                } else {
                    long j = (long) (random.nextDouble() * (seen + 1));
                    if (j < sample.length) {
                        sample[(int) j] = v;
                    }
                }
                seen++;
            }
        }

        /** The uint8 range the method chooses for these values. */
        public ActivationRanges.Range range(Calibration method) {
            if (seen == 0) {
                throw new IllegalStateException("no values were observed");
            }
            if (method == MIN_MAX) {
                return ActivationRanges.Range.covering(min, max);
            }
            float[] s = Arrays.copyOf(sample, (int) Math.min(seen, sample.length));
            if (method == ENTROPY) {
                // Values of one sign use all 255 uint8 steps on their side of zero; of both signs, about half each.
                boolean oneSign = min >= 0 || max <= 0;
                double t = EntropyRange.threshold(s, oneSign ? 255 : 128);
                return ActivationRanges.Range.covering(Math.max(min, -t), Math.min(max, t));
            }
            Arrays.sort(s);
            double tail = (1 - COVERED) / 2;
            double lo = s[(int) Math.floor(tail * (s.length - 1))];
            double hi = s[(int) Math.ceil((1 - tail) * (s.length - 1))];
            return ActivationRanges.Range.covering(lo, hi);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d values in [%.4g, %.4g]", seen, min, max);
        }
    }
}
