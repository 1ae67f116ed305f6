package dev.netloom.train.data.image;

import dev.netloom.train.data.DataRequest;
import dev.netloom.train.data.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImageFolderReaderTest {

    @TempDir
    Path dir;

    /** Writes a picture of one colour, {@code w × h}, as PNG or JPEG. */
    static void picture(Path file, Color colour, int w, int h, String format) throws IOException {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(colour);
        g.fillRect(0, 0, w, h);
        g.dispose();
        Files.createDirectories(file.getParent());
        assertThat(ImageIO.write(image, format, file.toFile())).isTrue();
    }

    private Path pets() throws IOException {
        Path pets = dir.resolve("pets");
        for (int i = 0; i < 10; i++) {
            picture(pets.resolve("cat/c" + i + ".png"), Color.RED, 40 + i, 30, "png");
            picture(pets.resolve("dog/d" + i + ".jpg"), Color.BLUE, 20, 25 + i, "jpeg");
        }
        return pets;
    }

    @Test
    void readsOneClassPerFolderResizedToTheRequest() throws IOException {
        Dataset d = new ImageFolderReader(pets(), 0.2, 0.2).read(new DataRequest(3, 16, 12, 0, 0, 0, 1));
        assertThat(d.classes()).containsExactly("cat", "dog");
        assertThat(d.train().fields().get(0).shape()).containsExactly(3, 16, 12);
        assertThat(d.train().size()).isEqualTo(12);
        assertThat(d.validation().size()).isEqualTo(4);
        assertThat(d.report().readCount()).isEqualTo(20);
        @SuppressWarnings("unchecked")
        Map<String, Object> image = (Map<String, Object>) d.preprocessing().get("image");
        assertThat(image).containsEntry("height", 16).containsEntry("width", 12).containsKeys("mean", "std");
    }

    @Test
    void greyPicturesUseLuminance() throws IOException {
        Path folder = dir.resolve("grey");
        picture(folder.resolve("a/1.png"), new Color(255, 0, 0), 8, 8, "png");
        picture(folder.resolve("b/1.png"), new Color(0, 255, 0), 8, 8, "png");
        BufferedImage red = ImageIO.read(folder.resolve("a/1.png").toFile());
        float[] out = new float[16];
        PictureConversion.toFloats(red, new PictureSize(1, 4, 4), out, 0);
        assertThat(out[5]).isCloseTo(0.299f, org.assertj.core.data.Offset.offset(1e-3f));
        Dataset d = new ImageFolderReader(folder, 0, 0).read(new DataRequest(1, 4, 4, 0, 0, 0, 1));
        assertThat(d.train().fields().get(0).shape()).containsExactly(1, 4, 4);
    }

    @Test
    void filesThatAreNotPicturesAreSkippedAndReported() throws IOException {
        Path pets = pets();
        Files.writeString(pets.resolve("cat/notes.txt"), "not a picture");
        Files.write(pets.resolve("dog/broken.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0});
        picture(pets.resolve("dog/old.bmp"), Color.BLUE, 5, 5, "bmp");
        Files.writeString(pets.resolve("dog/.DS_Store"), "hidden");
        Dataset d = new ImageFolderReader(pets, 0, 0).read(new DataRequest(3, 8, 8, 0, 0, 0, 1));
        assertThat(d.train().size()).isEqualTo(20);
        assertThat(d.report().skippedCount()).isEqualTo(3);
        assertThat(d.report().issues()).extracting(Object::toString).containsExactly(
                pets.resolve("cat/notes.txt") + ": not a PNG or JPEG picture",
                d.report().issues().get(1).toString(),
                pets.resolve("dog/old.bmp") + ": a bmp picture, expected PNG or JPEG");
        assertThat(d.report().issues().get(1).toString()).startsWith(pets.resolve("dog/broken.png") + ": damaged picture");
    }

    @Test
    void aFolderWithoutPicturesIsOneLineNamingIt() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertThatThrownBy(() -> new ImageFolderReader(empty, 0, 0).read(new DataRequest(3, 8, 8, 0, 0, 0, 1)))
                .isInstanceOf(IOException.class).hasMessageContaining(empty + ": no class folders");
        Files.createDirectories(empty.resolve("cat"));
        Files.writeString(empty.resolve("cat/a.png"), "text");
        assertThatThrownBy(() -> new ImageFolderReader(empty, 0, 0).read(new DataRequest(3, 8, 8, 0, 0, 0, 1)))
                .hasMessage(empty + ": no readable PNG or JPEG picture in its class folders (first problem: "
                        + empty.resolve("cat/a.png") + ": not a PNG or JPEG picture)");
    }
}
