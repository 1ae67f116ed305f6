package dev.netloom.train.data.image;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;

/**
 * Reads one PNG or JPEG picture, or says why it cannot: not a picture, another format, damaged,
 * or so large that decoding it could exhaust memory (its size is read from the header first).
 *
 * @param picture the decoded picture, or null
 * @param problem why there is no picture, or null
 */
public record PictureFile(BufferedImage picture, String problem) {

    /** The largest picture decoded, in pixels: a 10,000 × 5,000 photo. */
    public static final long MAX_PIXELS = 50_000_000L;

    private static final Set<String> FORMATS = Set.of("png", "jpeg");

    public static PictureFile read(Path path) {
        if (!Files.isRegularFile(path)) {
            return new PictureFile(null, "no such picture");
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(path.toFile())) {
            if (in == null) {
                return new PictureFile(null, "cannot be opened");
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return new PictureFile(null, "not a PNG or JPEG picture");
            }
            ImageReader reader = readers.next();
            try {
                if (!FORMATS.contains(reader.getFormatName().toLowerCase(Locale.ROOT))) {
                    return new PictureFile(null, "a " + reader.getFormatName() + " picture, expected PNG or JPEG");
                }
                reader.setInput(in, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > MAX_PIXELS) {
                    return new PictureFile(null, "picture of " + reader.getWidth(0) + "x" + reader.getHeight(0)
                            + " is too large");
                }
                return new PictureFile(reader.read(0), null);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            // ImageIO's decoders throw unchecked exceptions on some damaged files, too.
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new PictureFile(null, "damaged picture: " + message.replaceAll("\\s+", " "));
        }
    }
}
