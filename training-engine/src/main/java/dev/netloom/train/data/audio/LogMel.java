package dev.netloom.train.data.audio;

import org.apache.commons.math3.complex.Complex;
import org.apache.commons.math3.transform.DftNormalization;
import org.apache.commons.math3.transform.FastFourierTransformer;
import org.apache.commons.math3.transform.TransformType;

/**
 * The log-mel spectrogram of {@link LogMelSettings} (every step is documented there), in pure Java
 * with Commons Math's FFT. One instance per settings holds the window and the filter bank.
 */
public final class LogMel {

    private final LogMelSettings settings;
    private final double[] window;
    private final double[][] filters; // [mels][nFft/2 + 1]
    private final FastFourierTransformer fft = new FastFourierTransformer(DftNormalization.STANDARD);

    public LogMel(LogMelSettings settings) {
        this.settings = settings;
        this.window = hann(settings.window());
        this.filters = melFilters(settings);
    }

    public LogMelSettings settings() {
        return settings;
    }

    /** The features of a clip's 16-bit samples, [mels, frames] row major (a band's frames side by side). */
    public float[] compute(short[] samples) {
        int n = settings.clipSamples();
        double[] clip = new double[n];
        for (int i = 0; i < Math.min(n, samples.length); i++) {
            clip[i] = samples[i] / 32768.0;
        }
        int frames = settings.frames();
        int mels = settings.mels();
        int hop = settings.hop();
        int bins = settings.nFft() / 2 + 1;
        float[] out = new float[mels * frames];
        double[] frame = new double[settings.nFft()];
        double[] power = new double[bins];
        for (int t = 0; t < frames; t++) {
            java.util.Arrays.fill(frame, 0);
            for (int i = 0; i < window.length; i++) {
                frame[i] = clip[t * hop + i] * window[i];
            }
            Complex[] spectrum = fft.transform(frame, TransformType.FORWARD);
            for (int k = 0; k < bins; k++) {
                double re = spectrum[k].getReal();
                double im = spectrum[k].getImaginary();
                power[k] = re * re + im * im;
            }
            for (int m = 0; m < mels; m++) {
                double energy = 0;
                double[] f = filters[m];
                for (int k = 0; k < bins; k++) {
                    energy += f[k] * power[k];
                }
                out[m * frames + t] = (float) Math.log(energy + LogMelSettings.LOG_OFFSET);
            }
        }
        return out;
    }

    /** The periodic Hann window (as torch.hann_window's default). */
    static double[] hann(int length) {
        double[] w = new double[length];
        for (int i = 0; i < length; i++) {
            w[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / length);
        }
        return w;
    }

    /** Triangular filters on the HTK mel scale over the FFT bins, unnormalised. */
    static double[][] melFilters(LogMelSettings s) {
        int bins = s.nFft() / 2 + 1;
        int mels = s.mels();
        double low = hzToMel(LogMelSettings.F_MIN);
        double high = hzToMel(s.sampleRate() / 2.0);
        double[] edges = new double[mels + 2];
        for (int i = 0; i < edges.length; i++) {
            edges[i] = melToHz(low + (high - low) * i / (mels + 1));
        }
        double[][] filters = new double[mels][bins];
        for (int m = 0; m < mels; m++) {
            for (int k = 0; k < bins; k++) {
                double f = (double) k * s.sampleRate() / s.nFft();
                double rising = (f - edges[m]) / (edges[m + 1] - edges[m]);
                double falling = (edges[m + 2] - f) / (edges[m + 2] - edges[m + 1]);
                filters[m][k] = Math.max(0, Math.min(rising, falling));
            }
        }
        return filters;
    }

    static double hzToMel(double hz) {
        return 2595 * Math.log10(1 + hz / 700);
    }

    static double melToHz(double mel) {
        return 700 * (Math.pow(10, mel / 2595) - 1);
    }
}
