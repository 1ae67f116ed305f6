package dev.netloom.app.data;

import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a tiny MNIST-like IDX set: digits 0-9 drawn with a font at 28×28, label i % 10 (so
 * the classes are balanced), jittered by a fixed seed. For tests and screenshots.
 */
public final class TinyIdx {

    private TinyIdx() {
    }

    /** Writes {@code prefix}-images-idx3-ubyte[.gz] and {@code prefix}-labels-idx1-ubyte[.gz]; returns the images file. */
    public static Path write(Path dir, String prefix, int count, boolean gzip) throws IOException {
        Random random = new Random(42);
        ByteArrayOutputStream images = new ByteArrayOutputStream();
        ByteArrayOutputStream labels = new ByteArrayOutputStream();
        DataOutputStream img = new DataOutputStream(images);
        DataOutputStream lab = new DataOutputStream(labels);
        img.writeInt(0x00000803);
        img.writeInt(count);
        img.writeInt(28);
        img.writeInt(28);
        lab.writeInt(0x00000801);
        lab.writeInt(count);
        for (int i = 0; i < count; i++) {
            int digit = i % 10;
            BufferedImage b = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
            Graphics2D g = b.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 20 + random.nextInt(4)));
            g.drawString(Integer.toString(digit), 7 + random.nextInt(5), 22 + random.nextInt(3));
            g.dispose();
            for (int y = 0; y < 28; y++) {
                for (int x = 0; x < 28; x++) {
                    img.writeByte(b.getRaster().getSample(x, y, 0));
                }
            }
            lab.writeByte(digit);
        }
        String suffix = gzip ? ".gz" : "";
        Path imagesFile = dir.resolve(prefix + "-images-idx3-ubyte" + suffix);
        write(imagesFile, images.toByteArray(), gzip);
        write(dir.resolve(prefix + "-labels-idx1-ubyte" + suffix), labels.toByteArray(), gzip);
        return imagesFile;
    }

    private static void write(Path file, byte[] bytes, boolean gzip) throws IOException {
        try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
            out.write(bytes);
        }
    }
}
