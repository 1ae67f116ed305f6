package dev.netloom.app.studio;

import dev.netloom.app.StudioServices;
import dev.netloom.app.workspace.Workspace;
import javafx.application.Platform;
import javafx.stage.Stage;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The templates issue 17 added (MobileNetV3-Small, EfficientNet-B0, ResNet-18) in the designer as
 * File › New project draws them, in a real window at 1600×1000, light theme, at fit (run under Xvfb:
 * {@code docs/template-screenshots.sh}). Arguments: the output folder and a scratch folder (the home).
 */
public final class TemplateScreenshots {

    /** The templates shot, in the order of their files. */
    static final List<String> TEMPLATES = List.of("mobilenet-v3-small", "efficientnet-b0", "resnet-18");

    private TemplateScreenshots() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Files.createDirectories(Path.of(args[0]));
        Path scratch = Files.createDirectories(Path.of(args[1]));
        StudioServices services = StudioServices.standard(scratch.resolve("home"));
        Workspace workspace = Workspace.open(services.home());
        ExecutorService io = Executors.newFixedThreadPool(2);
        Platform.startup(() -> { });
        try {
            RealWindow real = RealWindow.open(services, workspace, services.home(), io);
            StudioWindow w = real.window();
            Stage[] stage = {real.stage()};
            fx(() -> {
                w.applyTheme(Theme.LIGHT);
                return null;
            });
            for (String template : TEMPLATES) {
                fx(() -> {
                    w.startProject(services.templates().find(template).orElseThrow().project());
                    return null;
                });
                Thread.sleep(700); // not a test: the real window lays out and repaints asynchronously
                fx(() -> {
                    w.designer().fitToView();
                    return null;
                });
                Thread.sleep(500);
                var shot = fx(() -> w.scene().snapshot(null));
                Path file = out.resolve("design-" + template + "-light-1600x1000.png");
                ImageIO.write(awt(shot), "png", file.toFile());
                System.out.println("wrote " + file);
            }
            fx(() -> {
                w.dispose();
                stage[0].close();
                return null;
            });
        } finally {
            io.shutdownNow();
            workspace.close();
            Platform.exit();
        }
    }

    private static BufferedImage awt(javafx.scene.image.WritableImage shot) {
        int w = (int) shot.getWidth();
        int h = (int) shot.getHeight();
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            shot.getPixelReader().getPixels(0, y, w, 1, javafx.scene.image.PixelFormat.getIntArgbInstance(), row, 0, w);
            img.setRGB(0, y, w, 1, row, 0, w);
        }
        return img;
    }

    private static <T> T fx(Callable<T> action) throws Exception {
        return ViewScreenshots.fx(action);
    }
}
