package dev.netloom.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.netloom.graph.analysis.GraphAnalysis;
import dev.netloom.train.data.DataRequest;
import dev.netloom.train.data.DataSources;
import dev.netloom.train.data.Dataset;
import dev.netloom.train.data.audio.AudioFolderReader;
import dev.netloom.train.data.audio.WavFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An audio model end to end on clips made here: three classes of tones (300, 900 and 2500 Hz, each
 * clip with its own phase, loudness, start and noise) in class folders of WAV files, read as log-mel
 * spectrograms through the graph's Image input, trained by a small depthwise-separable CNN (the
 * DS-CNN's blocks), scored on the held-out test split. Files that are not 16-bit PCM mono are
 * skipped and reported naming the file.
 */
class AudioKeywordTrainingTest {

    static final double[] PITCHES = {300, 900, 2500};
    static final int RATE = 8000;

    /** {@code perClass} clips of 0.5 s per pitch, under {@code folder/tone<hz>/clip<i>.wav}. */
    static void writeTones(Path folder, int perClass, long seed) throws Exception {
        Random r = new Random(seed);
        for (double hz : PITCHES) {
            Path classFolder = Files.createDirectories(folder.resolve("tone" + (int) hz));
            for (int i = 0; i < perClass; i++) {
                short[] clip = new short[RATE / 2];
                double phase = r.nextDouble() * 2 * Math.PI;
                double loudness = 2000 + r.nextDouble() * 8000;
                int start = r.nextInt(RATE / 8);
                double pitch = hz * (0.97 + 0.06 * r.nextDouble());
                for (int n = 0; n < clip.length; n++) {
                    double tone = n < start ? 0 : loudness * Math.sin(2 * Math.PI * pitch * n / RATE + phase);
                    clip[n] = (short) Math.max(-32768, Math.min(32767, tone + r.nextGaussian() * 600));
                }
                Files.write(classFolder.resolve("clip" + i + ".wav"), WavFile.encode(RATE, clip));
            }
        }
    }

    @Test
    void tonesOfThreePitchesAreToldApartFromTheirSpectrograms(@TempDir Path dir) throws Exception {
        Path folder = dir.resolve("tones");
        writeTones(folder, 40, 11);
        Files.write(folder.resolve("tone300").resolve("stereo.wav"), stereo());
        Map<String, Object> section = Map.of("source", "audio-folder", "folder", "tones", "sampleRate", RATE,
                "windowMs", 25, "hopMs", 10, "mels", 20, "clipMs", 500, "validationFraction", 0.15, "testFraction", 0.2);
        Dataset data = DataSources.reader(new ObjectMapper().valueToTree(section), dir)
                .read(new DataRequest(1, 20, 48, 0, 0, 0, 3));

        assertThat(data.classes()).containsExactly("tone2500", "tone300", "tone900");
        assertThat(data.report().issues()).singleElement().satisfies(i -> {
            assertThat(i.toString()).contains("stereo.wav", "a WAV file with 2 channels; only 16-bit PCM mono WAV files are read");
        });
        @SuppressWarnings("unchecked")
        Map<String, Object> features = (Map<String, Object>) data.preprocessing().get(AudioFolderReader.FIELD);
        assertThat(features).containsEntry("kind", "log-mel").containsEntry("mels", 20).containsEntry("frames", 48)
                .containsEntry("nFft", 256).containsKeys("mean", "std");

        GraphAnalysis model = Sketch.graph()
                .node("spectrogram", "Image", "channels", 1, "height", 20, "width", 48)
                .node("conv", "Conv2d", "filters", 16, "kernel", 3, "stride", 2, "padding", 1, "bias", false)
                .node("bn", "BatchNorm").node("act", "Activation", "function", "ReLU")
                .node("dw", "DepthwiseConv2d", "kernel", 3, "padding", 1, "bias", false).node("dw_bn", "BatchNorm")
                .node("dw_act", "Activation", "function", "ReLU")
                .node("pw", "Conv2d", "filters", 16, "kernel", 1, "padding", 0, "bias", false).node("pw_bn", "BatchNorm")
                .node("pw_act", "Activation", "function", "ReLU")
                .node("gap", "GlobalAvgPool").node("keywords", "Classification", "classes", 3)
                .chain("spectrogram", "conv", "bn", "act", "dw", "dw_bn", "dw_act", "pw", "pw_bn", "pw_act", "gap", "keywords")
                .analyze();
        TrainingSettings settings = TrainingSettings.defaults().withEpochs(12).withBatchSize(16).withLearningRate(0.01);
        try (TrainingRun.Result result = new TrainingRun(model, data.train(), data.validation(),
                List.of(AudioFolderReader.FIELD), settings).run()) {
            double accuracy = TrainingRun.evaluate(result.model(), data.test(), 32)[1];
            System.out.printf("audio tones: test accuracy %.3f on %d clips%n", accuracy, data.test().size());
            assertThat(accuracy).isGreaterThan(0.9);
        }
    }

    private static byte[] stereo() {
        byte[] bytes = WavFile.encode(RATE, new short[] {1, 2, 3, 4});
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putShort(22, (short) 2);
        return bytes;
    }
}
