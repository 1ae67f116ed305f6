package dev.netloom.train.data.audio;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a clip becomes a log-mel spectrogram; every number the features depend on, so that the
 * bundle's examples (Python, Node, browser) compute the same features from a WAV file. Written into
 * the model's preprocessing ({@link #toMap()}) and read back from it ({@link #of(Map)}).
 *
 * <p>The features, for a clip of 16-bit samples scaled to [-1, 1):
 * <ol>
 *   <li>the clip is cut or padded with zeros (at the end) to {@code clipMs};</li>
 *   <li>frame {@code t} is samples {@code [t·hop, t·hop + window)}, {@code frames = 1 + (clip − window) / hop}
 *       (no padding at the edges), times a periodic Hann window {@code 0.5 − 0.5·cos(2πn / window)};</li>
 *   <li>zero-padded to {@code nFft} (the power of two at or above the window), its power spectrum
 *       {@code |X[k]|²} for {@code k = 0..nFft/2};</li>
 *   <li>{@code mels} triangular filters on the HTK mel scale {@code 2595·log10(1 + f/700)}, centres
 *       evenly spaced in mels from {@link #F_MIN} Hz to half the sample rate, weights not normalised
 *       (torchaudio's {@code MelSpectrogram(mel_scale="htk", norm=None, center=False)});</li>
 *   <li>{@code ln(energy + }{@link #LOG_OFFSET}{@code )}.</li>
 * </ol>
 * The result is [1, mels, frames]: mel bands high, time wide, one channel, the shape the graph's
 * Image input reads. Standardisation (one mean and standard deviation over the training split)
 * follows, as for pictures.
 *
 * @param sampleRate samples per second every file must have (others are skipped and reported)
 * @param windowMs the window length in milliseconds
 * @param hopMs the step between windows in milliseconds
 * @param mels mel bands
 * @param clipMs the clip length in milliseconds
 */
public record LogMelSettings(int sampleRate, int windowMs, int hopMs, int mels, int clipMs) {

    /** The lowest mel filter edge, in Hz (below it is mostly hum). */
    public static final double F_MIN = 20;
    /** Added to the energies before the logarithm, so silence gives ln(1e-6) and not −∞. */
    public static final double LOG_OFFSET = 1e-6;
    /** 16 kHz, 25 ms windows every 10 ms, 40 mels, 1 s clips. */
    public static final LogMelSettings DEFAULTS = new LogMelSettings(16000, 25, 10, 40, 1000);

    public LogMelSettings {
        if (sampleRate < 1000 || sampleRate > 192_000) {
            throw new IllegalArgumentException("sampleRate must be 1000 to 192000 samples a second, got " + sampleRate);
        }
        if (windowMs < 1 || hopMs < 1 || clipMs < 1) {
            throw new IllegalArgumentException("windowMs, hopMs and clipMs must be at least 1 ms");
        }
        if (windowMs > clipMs) {
            throw new IllegalArgumentException("the window (" + windowMs + " ms) must fit in the clip (" + clipMs + " ms)");
        }
        if (mels < 1 || mels > 256) {
            throw new IllegalArgumentException("mels must be 1 to 256, got " + mels);
        }
    }

    /** Samples in a window. */
    public int window() {
        return (int) ((long) sampleRate * windowMs / 1000);
    }

    /** Samples between windows. */
    public int hop() {
        return Math.max(1, (int) ((long) sampleRate * hopMs / 1000));
    }

    /** Samples in a clip. */
    public int clipSamples() {
        return (int) ((long) sampleRate * clipMs / 1000);
    }

    /** The FFT length: the power of two at or above the window. */
    public int nFft() {
        return window() <= 2 ? 2 : Integer.highestOneBit(window() - 1) << 1;
    }

    /** Frames in a clip. */
    public int frames() {
        return 1 + (clipSamples() - window()) / hop();
    }

    /** The settings as the model's preprocessing records them (JSON-able), with what is derived from them. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", "log-mel");
        m.put("sampleRate", sampleRate);
        m.put("windowMs", windowMs);
        m.put("hopMs", hopMs);
        m.put("clipMs", clipMs);
        m.put("window", window());
        m.put("hop", hop());
        m.put("nFft", nFft());
        m.put("mels", mels);
        m.put("frames", frames());
        m.put("fMin", F_MIN);
        m.put("fMax", sampleRate / 2.0);
        m.put("melScale", "htk");
        m.put("windowFunction", "hann-periodic");
        m.put("logOffset", LOG_OFFSET);
        m.put("channels", 1);
        m.put("height", mels);
        m.put("width", frames());
        return m;
    }

    /** Settings from a model's preprocessing entry; null when it is not a log-mel entry. */
    public static LogMelSettings of(Map<String, ?> entry) {
        if (entry == null || !"log-mel".equals(entry.get("kind"))) {
            return null;
        }
        return new LogMelSettings(number(entry, "sampleRate"), number(entry, "windowMs"), number(entry, "hopMs"),
                number(entry, "mels"), number(entry, "clipMs"));
    }

    private static int number(Map<String, ?> entry, String key) {
        Object v = entry.get(key);
        if (!(v instanceof Number n)) {
            throw new IllegalArgumentException("the log-mel preprocessing has no " + key);
        }
        return n.intValue();
    }
}
