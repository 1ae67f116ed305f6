package dev.netloom.app.studio;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.netloom.app.StudioServices;
import dev.netloom.app.workspace.Workspace;
import dev.netloom.graph.Graph;
import dev.netloom.graph.project.Project;
import dev.netloom.train.data.audio.WavFile;
import javafx.application.Platform;
import javafx.stage.Stage;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The keyword-spotting template in the designer and the Data view's spectrogram preview, in a real
 * window (run under Xvfb: {@code docs/audio-screenshots.sh}), light theme at 1600×1000: the ds-cnn-s
 * template new from the wizard, then the same project reading a folder of WAV clips made here
 * (three classes of tones and chirps, 1 s at 16 kHz, 40 ms windows every 20 ms: [1, 40, 49]).
 * Arguments: the output folder and a scratch folder.
 */
public final class AudioScreenshots {

    private AudioScreenshots() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Files.createDirectories(Path.of(args[0]));
        Path scratch = Files.createDirectories(Path.of(args[1]));
        Path clips = writeClips(scratch.resolve("clips"));
        StudioServices services = StudioServices.standard(scratch.resolve("home"));
        Workspace workspace = Workspace.open(services.home());
        ExecutorService io = Executors.newFixedThreadPool(2);
        Platform.startup(() -> { });
        try {
            RealWindow real = RealWindow.open(services, workspace, services.home(), io);
            StudioWindow w = real.window();
            Stage[] stage = {real.stage()};
            Project template = services.templates().find("ds-cnn-s").orElseThrow().project();
            fx(() -> {
                w.startProject(template);
                return null;
            });
            shoot(w, out, "design-ds-cnn-s", () -> w.designer().fitToView());

            ObjectNode data = JsonNodeFactory.instance.objectNode().put("source", "audio-folder")
                    .put("folder", clips.toAbsolutePath().toString()).put("windowMs", 40).put("hopMs", 20);
            Graph g = template.graph();
            Project withData = template.withGraph(g.withReplacedNode(g.requireNode("keywords").withParam("classes", 3)))
                    .withSection("data", data);
            fx(() -> {
                w.startProject(withData);
                w.showView("Data");
                return null;
            });
            waitFor(() -> w.scene().lookup("#data-splits") instanceof javafx.scene.control.Labeled l
                    && !l.getText().isBlank());
            shoot(w, out, "data-spectrogram", () -> { });
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

    /** 12 clips per class: a low tone, a high tone, and a rising chirp, each with noise. */
    private static Path writeClips(Path folder) throws Exception {
        Random r = new Random(4);
        int rate = 16000;
        String[] classes = {"low-tone", "high-tone", "chirp"};
        for (int c = 0; c < classes.length; c++) {
            Path classFolder = Files.createDirectories(folder.resolve(classes[c]));
            for (int i = 0; i < 12; i++) {
                short[] clip = new short[rate];
                double phase = 0;
                for (int n = 0; n < clip.length; n++) {
                    double hz = c == 0 ? 400 : c == 1 ? 2500 : 300 + 4000.0 * n / clip.length;
                    phase += 2 * Math.PI * hz / rate;
                    double envelope = n > rate / 5 && n < rate * 4 / 5 ? 1 : 0.1;
                    clip[n] = (short) (8000 * envelope * Math.sin(phase) + r.nextGaussian() * 400);
                }
                Files.write(classFolder.resolve("clip" + i + ".wav"), WavFile.encode(rate, clip));
            }
        }
        return folder;
    }

    private static void shoot(StudioWindow w, Path out, String name, Runnable prepare) throws Exception {
        fx(() -> {
            w.applyTheme(Theme.LIGHT);
            return null;
        });
        Thread.sleep(700); // not a test: the real window repaints asynchronously
        fx(() -> {
            prepare.run();
            return null;
        });
        Thread.sleep(500);
        var shot = fx(() -> w.scene().snapshot(null));
        int width = (int) shot.getWidth();
        int height = (int) shot.getHeight();
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            shot.getPixelReader().getPixels(0, y, width, 1, javafx.scene.image.PixelFormat.getIntArgbInstance(), row, 0, width);
            img.setRGB(0, y, width, 1, row, 0, width);
        }
        Path file = out.resolve(name + "-light-1600x1000.png");
        ImageIO.write(img, "png", file.toFile());
        System.out.println("wrote " + file);
    }

    private static void waitFor(Callable<Boolean> condition) throws Exception {
        for (int i = 0; i < 600; i++) {
            if (fx(condition)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("timed out");
    }

    private static <T> T fx(Callable<T> action) throws Exception {
        return ViewScreenshots.fx(action);
    }
}
