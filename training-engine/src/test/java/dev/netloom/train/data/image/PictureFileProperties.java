package dev.netloom.train.data.image;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Damaged PNG and JPEG files give a picture or a reason, never an exception. */
class PictureFileProperties {

    private static Path dir;
    private static byte[] png;
    private static byte[] jpeg;

    @BeforeContainer
    static void pictures() throws IOException {
        dir = Files.createTempDirectory("netloom-pictures");
        BufferedImage image = new BufferedImage(12, 9, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < 12 * 9; i++) {
            image.setRGB(i % 12, i / 12, i * 0x010203);
        }
        png = encode(image, "png");
        jpeg = encode(image, "jpeg");
    }

    @AfterContainer
    static void clean() throws IOException {
        Files.deleteIfExists(dir.resolve("p"));
        Files.deleteIfExists(dir);
    }

    private static byte[] encode(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, format, out);
        return out.toByteArray();
    }

    @Provide
    Arbitrary<List<int[]>> damage() {
        return Arbitraries.integers().between(0, 100_000).array(int[].class).ofSize(2).list().ofMinSize(1).ofMaxSize(8);
    }

    @Property(tries = 200)
    void damagedPicturesGiveAPictureOrAReason(@ForAll("damage") List<int[]> damage, @ForAll boolean isPng,
                                              @ForAll boolean cut) throws IOException {
        byte[] bytes = (isPng ? png : jpeg).clone();
        for (int[] d : damage) {
            bytes[d[0] % bytes.length] = (byte) d[1];
        }
        if (cut) {
            bytes = java.util.Arrays.copyOf(bytes, damage.get(0)[0] % bytes.length);
        }
        PictureFile read = PictureFile.read(Files.write(dir.resolve("p"), bytes));
        assertThat(read.picture() == null).isEqualTo(read.problem() != null);
        if (read.picture() != null) {
            float[] out = new float[3 * 4 * 4];
            PictureConversion.toFloats(read.picture(), new PictureSize(3, 4, 4), out, 0);
        } else {
            assertThat(read.problem()).doesNotContain("\n");
        }
    }
}
