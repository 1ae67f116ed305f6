package dev.netloom.train.data.idx;

import dev.netloom.train.data.DataReport;
import dev.netloom.train.data.DataRequest;
import dev.netloom.train.data.Dataset;
import dev.netloom.train.data.Field;
import dev.netloom.train.data.image.PictureSize;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static dev.netloom.train.data.idx.IdxFixture.cycle;
import static dev.netloom.train.data.idx.IdxFixture.gzip;
import static dev.netloom.train.data.idx.IdxFixture.labels;
import static dev.netloom.train.data.idx.IdxFixture.pictures;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdxReaderTest {

    private static final DataRequest NATIVE = new DataRequest(0, 0, 0, 0, 0, 0, 7);

    @TempDir
    Path dir;

    private IdxPair pair(String prefix, int[] labels, boolean gzip) throws IOException {
        Path images = dir.resolve(prefix + "-images");
        Path labelFile = dir.resolve(prefix + "-labels");
        Files.write(images, gzip ? gzip(pictures(labels, 4, 5)) : pictures(labels, 4, 5));
        Files.write(labelFile, gzip ? gzip(labels(labels)) : labels(labels));
        return new IdxPair(images, labelFile);
    }

    @Test
    void readsRawAndGzipPairsAlike() throws IOException {
        int[] labels = cycle(30, 3);
        LabelledPictures raw = pair("raw", labels, false).read(null, 3, new DataReport());
        LabelledPictures zipped = pair("zip", labels, true).read(null, 3, new DataReport());
        assertThat(raw.size()).isEqualTo(new PictureSize(1, 4, 5));
        assertThat(raw.labels()).containsExactly(labels);
        assertThat(raw.pixels()).containsExactly(zipped.pixels());
        assertThat(raw.pixels()[1]).isEqualTo(10 / 255f);
        assertThat(raw.pixels()[0]).isEqualTo(1f);
    }

    @Test
    void picturesAtTheFilesSizeStayBytesAndResizedOnesBecomeFloats() throws IOException {
        int[] labels = {0, 1, 7, 2, 1}; // label 7 is skipped: the pictures after it move down
        IdxPair pair = pair("held", labels, true);
        LabelledPictures own = pair.read(null, 3, new DataReport());
        assertThat(own.pictures().codes()).as("the file's bytes, a quarter of the floats' memory").isNotNull();
        assertThat(own.count()).isEqualTo(4);
        byte[] file = pictures(labels, 4, 5);
        float[] expected = new float[4 * 20];
        int[] kept = {0, 1, 3, 4};
        for (int i = 0; i < kept.length; i++) {
            for (int p = 0; p < 20; p++) {
                expected[i * 20 + p] = (file[16 + kept[i] * 20 + p] & 0xff) / 255f;
            }
        }
        assertThat(own.pixels()).containsExactly(expected);
        LabelledPictures resized = pair.read(new PictureSize(1, 8, 10), 3, new DataReport());
        assertThat(resized.pictures().codes()).isNull();
        assertThat(resized.pictures().floats()).hasSize(4 * 80);
    }

    @Test
    void splitsTrainingIntoTrainAndValidationAndKeepsTheOwnTestPair() throws IOException {
        IdxReader reader = new IdxReader("digits", pair("train", cycle(100, 10), true), pair("t10k", cycle(20, 10), true),
                IdxReader.DIGITS, 0.2, 0.1);
        Dataset data = reader.read(NATIVE);
        assertThat(data.train().size()).isEqualTo(80);
        assertThat(data.validation().size()).isEqualTo(20);
        assertThat(data.test().size()).isEqualTo(20);
        assertThat(data.train().fields().get(0).shape()).containsExactly(1, 4, 5);
        assertThat(data.classes()).hasSize(10);
        assertThat(data.report().readCount()).isEqualTo(120);
        assertThat(data.fingerprint()).hasSize(64);
        assertThat(data.preprocessing()).containsKey("image");
    }

    @Test
    void normalisesWithTrainingStatisticsOnly() throws IOException {
        Dataset data = new IdxReader("d", pair("train", cycle(100, 10), false), pair("t10k", cycle(10, 1), false),
                IdxReader.DIGITS, 0.2, 0).read(NATIVE);
        float[] train = data.train().fields().get(0).floats();
        double mean = mean(train);
        assertThat(mean).isCloseTo(0, org.assertj.core.data.Offset.offset(1e-4));
        // The test pictures are all class 0 (darker than the training average): they stay below zero.
        float[] test = data.test().fields().get(0).floats();
        assertThat(mean(test)).isLessThan(-0.5);
        @SuppressWarnings("unchecked")
        java.util.Map<String, Object> image = (java.util.Map<String, Object>) data.preprocessing().get("image");
        assertThat((List<?>) image.get("mean")).hasSize(1);
    }

    @Test
    void resizesAndRepeatsChannelsToTheRequest() throws IOException {
        Dataset data = new IdxReader("d", pair("train", cycle(20, 2), false), null, List.of("a", "b"), 0.1, 0.1)
                .read(new DataRequest(3, 8, 10, 0, 0, 0, 1));
        Field image = data.train().fields().get(0);
        assertThat(image.shape()).containsExactly(3, 8, 10);
        float[] v = image.floats();
        assertThat(v[8 * 10 + 33]).isEqualTo(v[33]);
        assertThat(data.test().size()).isEqualTo(2);
    }

    @Test
    void aTruncatedFileKeepsTheCompletePicturesAndSaysHowMany() throws IOException {
        byte[] full = pictures(cycle(10, 2), 4, 5);
        Path images = dir.resolve("cut");
        Files.write(images, Arrays.copyOf(full, 16 + 20 * 6 + 7));
        Path labels = dir.resolve("labels");
        Files.write(labels, labels(cycle(10, 2)));
        DataReport report = new DataReport();
        LabelledPictures read = new IdxPair(images, labels).read(null, 2, report);
        assertThat(read.count()).isEqualTo(6);
        assertThat(report.issues().get(0).toString()).contains("cut").contains("promises 10 items, 6 are readable");
        assertThat(report.skippedCount()).isEqualTo(4);
    }

    @Test
    void aTruncatedGzipFileKeepsWhatItCould() throws IOException {
        byte[] zipped = gzip(pictures(cycle(2000, 2), 4, 5));
        Path images = dir.resolve("cut.gz");
        Files.write(images, Arrays.copyOf(zipped, zipped.length * 2 / 3));
        Path labels = dir.resolve("labels");
        Files.write(labels, labels(cycle(2000, 2)));
        DataReport report = new DataReport();
        LabelledPictures read = new IdxPair(images, labels).read(null, 2, report);
        assertThat(read.count()).isBetween(1, 1999);
        assertThat(report.summary()).contains("cut short");
    }

    @Test
    void wrongMagicNumberIsOneLineNamingTheFile() throws IOException {
        Path images = dir.resolve("images");
        Files.write(images, labels(cycle(5, 2)));
        Path labels = dir.resolve("labels");
        Files.write(labels, labels(cycle(5, 2)));
        assertThatThrownBy(() -> new IdxPair(images, labels).read(null, 2, new DataReport()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(images.toString())
                .hasMessageContaining("magic number 0x00000801, expected 0x00000803")
                .message().doesNotContain("\n");
    }

    @Test
    void emptyFilesAndZeroDimensionsAreRefused() throws IOException {
        Path empty = dir.resolve("empty");
        Files.write(empty, new byte[0]);
        Path labels = dir.resolve("labels");
        Files.write(labels, labels(cycle(5, 2)));
        assertThatThrownBy(() -> new IdxPair(empty, labels).read(null, 2, new DataReport()))
                .hasMessage(empty + ": file ends inside its header");
        Path zero = dir.resolve("zero");
        Files.write(zero, IdxFixture.idx(new int[] {5, 0, 3}, new byte[0]));
        assertThatThrownBy(() -> new IdxPair(zero, labels).read(null, 2, new DataReport()))
                .hasMessageContaining("dimension 2 of the header is 0");
    }

    @Test
    void unknownLabelsAndCountMismatchesAreSkippedByRow() throws IOException {
        int[] labels = {0, 1, 7, 1, 0};
        Path images = dir.resolve("images");
        Files.write(images, pictures(new int[] {0, 1, 1, 1, 0, 0}, 4, 5));
        Path labelFile = dir.resolve("labels");
        Files.write(labelFile, labels(labels));
        DataReport report = new DataReport();
        LabelledPictures read = new IdxPair(images, labelFile).read(null, 2, report);
        assertThat(read.labels()).containsExactly(0, 1, 1, 0);
        assertThat(report.issues()).extracting(Object::toString)
                .contains(labelFile + ": 6 pictures and 5 labels are readable, 6 were promised: 1 examples left out",
                        labelFile + ":3: label 7 is not one of the 2 classes");
        assertThat(report.skippedCount()).isEqualTo(2);
    }

    @Test
    void trailingBytesAreNotedNotSkipped() throws IOException {
        byte[] full = pictures(cycle(4, 2), 4, 5);
        Path images = dir.resolve("images");
        Files.write(images, Arrays.copyOf(full, full.length + 3));
        Path labels = dir.resolve("labels");
        Files.write(labels, labels(cycle(4, 2)));
        DataReport report = new DataReport();
        new IdxPair(images, labels).read(null, 2, report);
        assertThat(report.skippedCount()).isZero();
        assertThat(report.noteCount()).isEqualTo(1);
        assertThat(report.summary()).contains("1 note").contains("bytes after the last");
    }

    @Test
    void fingerprintChangesWithOneByteAndWithSettings() throws IOException {
        IdxPair a = pair("a", cycle(20, 2), false);
        IdxReader reader = new IdxReader("d", a, null, List.of("x", "y"), 0.1, 0.1);
        String first = reader.read(NATIVE).fingerprint();
        assertThat(reader.read(NATIVE).fingerprint()).isEqualTo(first);
        assertThat(new IdxReader("d", a, null, List.of("x", "y"), 0.2, 0.1).read(NATIVE).fingerprint())
                .isNotEqualTo(first);
        byte[] bytes = Files.readAllBytes(a.images());
        bytes[bytes.length - 1] ^= 1;
        Files.write(a.images(), bytes);
        assertThat(reader.read(NATIVE).fingerprint()).isNotEqualTo(first);
    }

    static double mean(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += x;
        }
        return sum / v.length;
    }
}
