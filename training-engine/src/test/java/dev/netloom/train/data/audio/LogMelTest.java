package dev.netloom.train.data.audio;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The log-mel features against a direct computation of their definition (a plain DFT, no FFT),
 * and against what a tone must give: its energy in the band around its pitch.
 */
class LogMelTest {

    @Test
    void framesAndFftFollowTheSettings() {
        LogMelSettings d = LogMelSettings.DEFAULTS;              // 16 kHz, 25 ms / 10 ms, 1 s
        assertThat(d.window()).isEqualTo(400);
        assertThat(d.hop()).isEqualTo(160);
        assertThat(d.nFft()).isEqualTo(512);
        assertThat(d.frames()).isEqualTo(98);                     // 1 + (16000 - 400) / 160
        LogMelSettings helloEdge = new LogMelSettings(16000, 40, 20, 40, 1000);
        assertThat(helloEdge.frames()).isEqualTo(49);             // 1 + (16000 - 640) / 320: the DS-CNN template's width
        assertThat(helloEdge.nFft()).isEqualTo(1024);
        assertThat(LogMelSettings.of(helloEdge.toMap())).isEqualTo(helloEdge);
    }

    @Test
    void theFftFeaturesEqualTheDefinitionComputedWithAPlainDft() {
        LogMelSettings s = new LogMelSettings(8000, 25, 10, 20, 200);
        short[] clip = new short[s.clipSamples()];
        Random r = new Random(5);
        for (int i = 0; i < clip.length; i++) {
            clip[i] = (short) (r.nextGaussian() * 3000);
        }
        float[] fast = new LogMel(s).compute(clip);
        double[] window = LogMel.hann(s.window());
        double[][] filters = LogMel.melFilters(s);
        int frames = s.frames();
        for (int t = 0; t < frames; t++) {
            double[] power = new double[s.nFft() / 2 + 1];
            for (int k = 0; k < power.length; k++) {
                double re = 0;
                double im = 0;
                for (int n = 0; n < s.window(); n++) {
                    double x = clip[t * s.hop() + n] / 32768.0 * window[n];
                    re += x * Math.cos(2 * Math.PI * k * n / s.nFft());
                    im -= x * Math.sin(2 * Math.PI * k * n / s.nFft());
                }
                power[k] = re * re + im * im;
            }
            for (int m = 0; m < s.mels(); m++) {
                double energy = 0;
                for (int k = 0; k < power.length; k++) {
                    energy += filters[m][k] * power[k];
                }
                assertThat((double) fast[m * frames + t]).as("band %d frame %d", m, t)
                        .isCloseTo(Math.log(energy + 1e-6), within(1e-4));
            }
        }
    }

    @Test
    void aToneLightsTheBandAroundItsPitchAndSilenceIsTheLogOffset() {
        LogMelSettings s = LogMelSettings.DEFAULTS;
        LogMel features = new LogMel(s);
        for (double hz : new double[] {300, 1000, 3000}) {
            short[] tone = new short[s.clipSamples()];
            for (int i = 0; i < tone.length; i++) {
                tone[i] = (short) (10000 * Math.sin(2 * Math.PI * hz * i / s.sampleRate()));
            }
            float[] f = features.compute(tone);
            int loudest = 0;
            for (int m = 1; m < s.mels(); m++) {
                if (f[m * s.frames() + 10] > f[loudest * s.frames() + 10]) {
                    loudest = m;
                }
            }
            double[] edges = bandEdges(s);
            assertThat(hz).as("the loudest band at %s Hz", hz).isBetween(edges[loudest], edges[loudest + 2]);
        }
        float[] silence = features.compute(new short[10]); // shorter than a clip: padded with zeros
        assertThat(silence).hasSize(s.mels() * s.frames());
        for (float v : silence) {
            assertThat((double) v).isCloseTo(Math.log(1e-6), within(1e-6));
        }
    }

    private static double[] bandEdges(LogMelSettings s) {
        double low = LogMel.hzToMel(LogMelSettings.F_MIN);
        double high = LogMel.hzToMel(s.sampleRate() / 2.0);
        double[] edges = new double[s.mels() + 2];
        for (int i = 0; i < edges.length; i++) {
            edges[i] = LogMel.melToHz(low + (high - low) * i / (s.mels() + 1));
        }
        return edges;
    }
}
