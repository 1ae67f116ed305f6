package dev.netloom.app.data;

import dev.netloom.train.data.DataRequest;
import dev.netloom.train.data.Dataset;
import dev.netloom.train.data.audio.AudioFolderReader;
import dev.netloom.train.data.audio.LogMelSettings;
import dev.netloom.train.data.audio.WavFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The Data view shows a clip as its spectrogram, low bands at the bottom: a low tone lights a low row. */
class SpectrogramPreviewTest {

    @Test
    void aLowToneIsDrawnNearTheBottomAndAHighOneNearTheTop(@TempDir Path dir) throws Exception {
        LogMelSettings s = new LogMelSettings(8000, 25, 10, 20, 500);
        for (double hz : new double[] {150, 3000}) {
            Path folder = Files.createDirectories(dir.resolve("tones").resolve("tone" + (int) hz));
            for (int i = 0; i < 5; i++) {
                short[] clip = new short[s.clipSamples()];
                for (int n = 0; n < clip.length; n++) {
                    clip[n] = (short) (8000 * Math.sin(2 * Math.PI * hz * n / s.sampleRate() + i));
                }
                Files.write(folder.resolve("clip" + i + ".wav"), WavFile.encode(s.sampleRate(), clip));
            }
        }
        Dataset data = new AudioFolderReader(dir.resolve("tones"), s, 0, 0).read(new DataRequest(1, 20, 48, 0, 0, 0, 1));
        DataPreview preview = DataPreview.of(data, 10);

        for (DataPreview.Sample sample : preview.samples()) {
            Picture p = sample.picture();
            assertThat(p.height()).isEqualTo(s.mels());
            assertThat(p.width()).isEqualTo(s.frames());
            int brightest = brightestRow(p);
            if (sample.label().equals("tone150")) {
                assertThat(brightest).as("a 150 Hz tone's row (0 is the top)").isGreaterThanOrEqualTo(s.mels() - 4);
            } else {
                assertThat(brightest).as("a 3000 Hz tone's row (0 is the top)").isLessThan(s.mels() / 2);
            }
        }
    }

    private static int brightestRow(Picture p) {
        int best = 0;
        long bestSum = -1;
        for (int y = 0; y < p.height(); y++) {
            long sum = 0;
            for (int x = 0; x < p.width(); x++) {
                sum += p.argb()[y * p.width() + x] & 0xff;
            }
            if (sum > bestSum) {
                bestSum = sum;
                best = y;
            }
        }
        return best;
    }
}
