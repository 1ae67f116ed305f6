package dev.netloom.app.studio;

import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.util.Duration;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * {@code NETLOOM_SCREENSHOT=FILE.png}: the studio opens, renders its first frame, saves it as a
 * PNG and quits. For smoke tests of installed packages (installers/smoke-test.sh) and for a quick
 * look at a build on a machine without a person at it (under Xvfb).
 */
final class StartupScreenshot {

    static final String VARIABLE = "NETLOOM_SCREENSHOT";

    private StartupScreenshot() {
    }

    /** The file asked for, if any. */
    static Optional<Path> requested(Map<String, String> environment) {
        String file = environment.get(VARIABLE);
        return file == null || file.isBlank() ? Optional.empty() : Optional.of(Path.of(file));
    }

    /** Saves the scene a moment after it first shows (layout and the first pulse done), then exits. */
    static void takeAndQuit(Scene scene, Path file) {
        PauseTransition settle = new PauseTransition(Duration.seconds(2));
        settle.setOnFinished(e -> {
            int code = 0;
            try {
                write(scene.snapshot(null), file);
                System.out.println("netloom: saved a screenshot of the studio to " + file);
            } catch (IOException | RuntimeException ex) {
                System.err.println("netloom: could not save the screenshot " + file + ": " + ex.getMessage());
                code = 3;
            }
            Platform.exit();
            if (code != 0) {
                System.exit(code);
            }
        });
        settle.play();
    }

    private static void write(WritableImage image, Path file) throws IOException {
        int width = (int) image.getWidth();
        int height = (int) image.getHeight();
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        PixelReader pixels = image.getPixelReader();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                out.setRGB(x, y, pixels.getArgb(x, y));
            }
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!ImageIO.write(out, "png", file.toFile())) {
            throw new IOException("no PNG writer");
        }
    }
}
