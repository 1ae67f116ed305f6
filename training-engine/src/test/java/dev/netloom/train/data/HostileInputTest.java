package dev.netloom.train.data;

import dev.netloom.train.data.idx.IdxFile;
import dev.netloom.train.data.image.ImageFolderReader;
import dev.netloom.train.data.multimodal.ManifestReader;
import dev.netloom.train.data.table.CsvTableReader;
import dev.netloom.train.data.text.TextClassificationReader;
import dev.netloom.train.data.text.TokenizerKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Files a hostile or unlucky user gives the readers: a gzip bomb, devices and pipes, numbers
 * beyond float32, Excel's byte-order mark, empty classes, links out of the folder and loops.
 */
class HostileInputTest {

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    @TempDir
    Path dir;

    /**
     * A gzip IDX file (about 2 MB for 2.7 million pictures) whose header claims, and whose data
     * really inflates to, more than half the heap after conversion: concatenated gzip members of
     * zeros, one after the other (GZIPInputStream reads them as one stream).
     */
    private Path bomb(long pictures) throws IOException {
        Path file = dir.resolve("bomb-images-idx3-ubyte.gz");
        byte[] zeros = new byte[8 << 20];
        ByteArrayOutputStream one = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(one)) {
            gz.write(zeros);
        }
        long total = pictures * 28 * 28;
        try (OutputStream out = Files.newOutputStream(file)) {
            ByteArrayOutputStream header = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(header); DataOutputStream d = new DataOutputStream(gz)) {
                d.writeInt(0x00000803);
                d.writeInt((int) pictures);
                d.writeInt(28);
                d.writeInt(28);
            }
            out.write(header.toByteArray());
            for (long written = 0; written < total; written += zeros.length) {
                out.write(one.toByteArray());
            }
        }
        return file;
    }

    @Test
    void aGzipBombIsRefusedBeforeItIsInflated() throws IOException {
        // Enough pictures that their floats need more than the whole heap, whatever this JVM's size.
        long pictures = Math.max(2_700_000L, Runtime.getRuntime().maxMemory() / (28 * 28 * 4) + 1);
        Path bomb = bomb(pictures);
        assertThat(Files.size(bomb)).isLessThan(pictures * 28 * 28 / 500);
        DataReport report = new DataReport();
        assertThatThrownBy(() -> IdxFile.read(bomb, 3, report)).isInstanceOf(IOException.class)
                .hasMessageStartingWith(bomb + ": ").hasMessageContaining("more than half of the")
                .hasMessageContaining(String.format("%,d examples of 784 values", pictures));
    }

    @Test
    void aRawIdxFileWhoseHeaderLiesAllocatesOnlyWhatItHolds() throws IOException {
        Path file = dir.resolve("liar-idx3-ubyte");
        try (DataOutputStream d = new DataOutputStream(Files.newOutputStream(file))) {
            d.writeInt(0x00000803);
            d.writeInt(2_000_000_000);
            d.writeInt(28);
            d.writeInt(28);
            d.write(new byte[784 * 3]);
        }
        DataReport report = new DataReport();
        IdxFile idx = IdxFile.read(file, 3, report);
        assertThat(idx.count()).isEqualTo(3);
        assertThat(report.issues()).anySatisfy(n -> assertThat(n.toString()).contains("cut short"));
    }

    @Test
    @Timeout(60) // a guard only: opening a pipe without a writer would block forever
    void devicesAndPipesAreRefusedWithOneLineWithoutBeingOpened() throws Exception {
        Path fifo = dir.resolve("pipe.csv");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        for (Path p : List.of(Path.of("/dev/zero"), fifo)) {
            assertThatThrownBy(() -> new CsvTableReader(p, "label", List.of(), 0, 0).read(request()))
                    .isInstanceOf(IOException.class).hasMessage(p + ": not a regular file (a device, pipe or socket); "
                            + "give a file on disk");
            assertThatThrownBy(() -> IdxFile.read(p, 3, new DataReport())).hasMessageContaining("not a regular file");
            assertThatThrownBy(() -> new TextClassificationReader(p, "text", "label", TokenizerKind.WORD, List.of(), 0, 0)
                    .read(request())).hasMessageContaining("not a regular file");
        }
        assertThatThrownBy(() -> IdxFile.read(dir, 3, new DataReport())).hasMessage(dir + ": is a folder, not a file");
    }

    private static DataRequest request() {
        return new DataRequest(1, 8, 8, 6, 100, 0, 3);
    }

    private Path table(String first, String... rows) throws IOException {
        StringBuilder csv = new StringBuilder(first).append('\n');
        for (int i = 0; i < 20; i++) {
            csv.append(i % 5).append('.').append(i).append(',').append(i % 2 == 0 ? "a" : "b").append('\n');
        }
        for (String r : rows) {
            csv.append(r).append('\n');
        }
        Path file = dir.resolve("t.csv");
        Files.writeString(file, csv);
        return file;
    }

    @Test
    void numbersBeyondFloat32AreBadValuesReportedByRowAndColumnNeverNaN() throws IOException {
        Path file = table("x,label", "1e300,a", "-1e39,b", "3.0e38,a");
        Dataset d = new CsvTableReader(file, "label", List.of(), 0, 0).read(request());
        assertThat(d.report().skippedCount()).isEqualTo(2);
        assertThat(d.report().issues()).extracting(Object::toString).containsExactly(
                file + ":22: bad value \"1e300\" in column \"x\": beyond the range of training's 32-bit numbers (about ±3.4e38)",
                file + ":23: bad value \"-1e39\" in column \"x\": beyond the range of training's 32-bit numbers (about ±3.4e38)");
        for (float v : d.train().fields().get(0).floats()) {
            assertThat(Float.isFinite(v)).as("every feature is finite").isTrue();
        }
    }

    @Test
    void aByteOrderMarkIsDroppedByEveryTextReader() throws IOException {
        // Excel's "CSV UTF-8": the mark sits before the first column's name, here the label.
        StringBuilder table = new StringBuilder("label,x\n");
        for (int i = 0; i < 20; i++) {
            table.append(i % 2 == 0 ? "a" : "b").append(',').append(i).append('\n');
        }
        Path csv = dir.resolve("excel.csv");
        Files.write(csv, concat(BOM, table.toString().getBytes(StandardCharsets.UTF_8)));
        assertThat(new CsvTableReader(csv, "label", List.of(), 0, 0).read(request()).classes()).containsExactly("a", "b");

        StringBuilder texts = new StringBuilder("text,label\n");
        StringBuilder jsonl = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            texts.append("words number ").append(i).append(',').append(i % 2 == 0 ? "even" : "odd").append('\n');
            jsonl.append("{\"text\": \"words number ").append(i).append("\", \"label\": \"")
                    .append(i % 2 == 0 ? "even" : "odd").append("\"}\n");
        }
        Path textCsv = dir.resolve("texts.csv");
        Files.write(textCsv, concat(BOM, texts.toString().getBytes(StandardCharsets.UTF_8)));
        Path textJsonl = dir.resolve("texts.jsonl");
        Files.write(textJsonl, concat(BOM, jsonl.toString().getBytes(StandardCharsets.UTF_8)));
        for (Path p : List.of(textCsv, textJsonl)) {
            Dataset d = new TextClassificationReader(p, "text", "label", TokenizerKind.WORD, List.of(), 0, 0).read(request());
            assertThat(d.classes()).as(p.toString()).containsExactly("even", "odd");
            assertThat(d.report().skippedCount()).as(p.toString()).isZero();
        }

        Path pictures = dir.resolve("pics");
        Files.createDirectories(pictures);
        StringBuilder manifest = new StringBuilder("image,text,label\n");
        for (int i = 0; i < 10; i++) {
            ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), "png", pictures.resolve(i + ".png").toFile());
            manifest.append("pics/").append(i).append(".png,a question ").append(i).append(',')
                    .append(i % 2 == 0 ? "yes" : "no").append('\n');
        }
        Path manifestFile = dir.resolve("manifest.csv");
        Files.write(manifestFile, concat(BOM, manifest.toString().getBytes(StandardCharsets.UTF_8)));
        Dataset m = new ManifestReader(manifestFile, "image", "text", "label", TokenizerKind.WORD, List.of(), 0, 0)
                .read(request());
        assertThat(m.classes()).containsExactly("no", "yes");

        Path vocab = dir.resolve("vocab.txt");
        Files.write(vocab, concat(BOM, "[PAD]\n[UNK]\nword\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(DataFiles.lines(vocab)).containsExactly("[PAD]", "[UNK]", "word");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private Path pets() throws IOException {
        Path pets = dir.resolve("pets");
        for (String cls : List.of("cat", "dog")) {
            Files.createDirectories(pets.resolve(cls));
            for (int i = 0; i < 4; i++) {
                ImageIO.write(new BufferedImage(6, 6, BufferedImage.TYPE_INT_RGB), "png",
                        pets.resolve(cls).resolve(i + ".png").toFile());
            }
        }
        return pets;
    }

    @Test
    void anEmptyClassFolderIsRefusedUnlessAskedFor() throws IOException {
        Path pets = pets();
        Files.createDirectories(pets.resolve("bird"));
        Files.writeString(pets.resolve("bird/notes.txt"), "no pictures yet");
        assertThatThrownBy(() -> new ImageFolderReader(pets, 0, 0).read(request())).isInstanceOf(IOException.class)
                .hasMessageStartingWith(pets + ": the class folder bird has no readable picture; a class needs examples")
                .hasMessageContaining("\"allowEmptyClasses\": true");
        Dataset kept = new ImageFolderReader(pets, 0, 0, true).read(request());
        assertThat(kept.classes()).containsExactly("bird", "cat", "dog");
        assertThat(kept.report().issues()).anySatisfy(n -> assertThat(n.toString()).contains("bird"));
        assertThat(DataSources.reader(new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                "{\"source\": \"image-folder\", \"folder\": \"pets\", \"allowEmptyClasses\": true}"), dir))
                .isEqualTo(new ImageFolderReader(pets, 0.1, 0.1, true));
    }

    @Test
    void linksOutOfTheFolderAndLoopsAreNotFollowed() throws IOException {
        Path pets = pets();
        Path outside = dir.resolve("outside");
        Files.createDirectories(outside);
        ImageIO.write(new BufferedImage(6, 6, BufferedImage.TYPE_INT_RGB), "png", outside.resolve("secret.png").toFile());
        Files.createSymbolicLink(pets.resolve("loop"), pets);                       // a class folder that is the root
        Files.createSymbolicLink(pets.resolve("elsewhere"), outside);               // a class folder outside
        Files.createSymbolicLink(pets.resolve("cat/stolen.png"), outside.resolve("secret.png"));
        Files.createSymbolicLink(pets.resolve("cat/twin.png"), pets.resolve("dog/0.png")); // inside: fine
        Dataset d = new ImageFolderReader(pets, 0, 0).read(request());
        assertThat(d.classes()).containsExactly("cat", "dog");
        assertThat(d.report().readCount()).isEqualTo(9);
        assertThat(d.report().issues()).extracting(Object::toString).anySatisfy(n -> assertThat(n).contains("loop", "a loop"))
                .anySatisfy(n -> assertThat(n).contains("elsewhere", "outside the dataset folder"));
        assertThat(d.report().issues()).extracting(Object::toString)
                .anySatisfy(n -> assertThat(n).contains("stolen.png", "outside the dataset folder"));
    }
}
