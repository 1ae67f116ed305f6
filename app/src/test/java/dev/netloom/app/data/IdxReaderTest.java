package dev.netloom.app.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdxReaderTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void readsPicturesAndTheirLabelsRawOrGzip(boolean gzip) throws IOException {
        Path images = TinyIdx.write(dir, "train", 25, gzip);

        DatasetPreview p = IdxReader.preview(images, 12);

        assertThat(p.format()).isEqualTo("IDX");
        assertThat(p.count()).isEqualTo(25);
        assertThat(p.exampleShape()).containsExactly(1, 28, 28);
        assertThat(p.samples()).hasSize(12);
        assertThat(p.samples()).extracting(DatasetPreview.Sample::label)
                .containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "0", "1");
        assertThat(p.samples().get(0).pixels()).hasSize(28 * 28);
        // Something was drawn, and not everywhere.
        int lit = 0;
        for (byte b : p.samples().get(3).pixels()) {
            lit += (b & 0xff) > 128 ? 1 : 0;
        }
        assertThat(lit).isBetween(20, 400);
        assertThat(p.classCounts()).containsEntry("0", 3).containsEntry("4", 3).containsEntry("5", 2).hasSize(10);
        assertThat(List.copyOf(p.classCounts().keySet())).containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    }

    @Test
    void picturesWithoutALabelsFileHaveNoLabels() throws IOException {
        Path images = TinyIdx.write(dir, "t10k", 3, false);
        Files.delete(dir.resolve("t10k-labels-idx1-ubyte"));
        DatasetPreview p = IdxReader.preview(images, 5);
        assertThat(p.samples()).extracting(DatasetPreview.Sample::label).containsOnly("");
        assertThat(p.classCounts()).isEmpty();
    }

    @Test
    void aFileThatIsNotIdxIsRefusedWithTheReason() throws IOException {
        Path bogus = dir.resolve("notes-images-idx3-ubyte");
        Files.writeString(bogus, "hello, world");
        assertThatThrownBy(() -> IdxReader.preview(bogus, 5)).hasMessageContaining("is not an IDX file");
    }

    @Test
    void aTruncatedFileIsRefused() throws IOException {
        Path images = TinyIdx.write(dir, "cut", 4, false);
        byte[] all = Files.readAllBytes(images);
        Files.write(images, Arrays.copyOf(all, 16 + 28 * 28 + 10));
        assertThatThrownBy(() -> IdxReader.preview(images, 10)).hasMessageContaining("ends early");
    }
}
