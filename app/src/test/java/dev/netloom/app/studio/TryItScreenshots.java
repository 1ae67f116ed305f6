package dev.netloom.app.studio;

import dev.netloom.app.StudioServices;
import dev.netloom.app.cli.NetloomCommand;
import dev.netloom.app.workspace.Workspace;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.Stage;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Renders the Runs view's "Try it" tab in a real window (run under Xvfb: {@code docs/try-it-screenshots.sh}):
 * an image + text model trained on Shapes QA answering a picture and a question, at 1600×1000
 * and 1024×700, light and dark. Arguments: the output folder and a scratch folder (the Netloom
 * home, the project and the model).
 */
public final class TryItScreenshots {

    private TryItScreenshots() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Files.createDirectories(Path.of(args[0]));
        Path scratch = Files.createDirectories(Path.of(args[1]));
        StudioServices services = StudioServices.standard(scratch.resolve("home"));
        Path project = scratch.resolve("shapes-qa.netloom");
        Path model = scratch.resolve("shapes-qa.runs").resolve("run-2");
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        if (!Files.exists(model)) {
            check(NetloomCommand.run(services, quiet, System.err, "new", "--template", "image-text-qa", "--force",
                    project.toString()));
            check(NetloomCommand.run(services, quiet, System.err, "train", project.toString(), "--data",
                    "{\"source\": \"shapes-qa\", \"examples\": 4000}", "--epochs", "10", "--out", model.toString()));
        }
        Path picture = scratch.resolve("blue-triangle.png");
        BufferedImage image = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(12, 14, 20));
        g.fillRect(0, 0, 32, 32);
        g.setColor(new Color(38, 77, 242));
        g.fillPolygon(new int[] {16, 5, 27}, new int[] {5, 26, 26}, 3);
        g.dispose();
        ImageIO.write(image, "png", picture.toFile());

        Workspace workspace = Workspace.open(services.home());
        ExecutorService io = Executors.newFixedThreadPool(2);
        Platform.startup(() -> { });
        try {
            RealWindow real = RealWindow.open(services, workspace, services.home(), io);
            StudioWindow w = real.window();
            Stage[] stage = {real.stage()};
            fx(() -> w.openFile(project)).get(30, TimeUnit.SECONDS);
            fx(() -> {
                w.showView("Runs");
                return null;
            });
            TableView<?> table = fx(() -> (TableView<?>) w.scene().lookup("#runs-table"));
            waitFor(() -> table.getItems().size() >= 1);
            fx(() -> {
                table.getSelectionModel().select(0);
                TabPane tabs = (TabPane) w.scene().lookup("#runs-tabs");
                tabs.getSelectionModel().select(tabs.getTabs().stream().filter(t -> t.getText().equals("Try it"))
                        .findFirst().orElseThrow());
                return null;
            });
            Button predict = fx(() -> (Button) w.scene().lookup("#tryit-predict"));
            waitFor(() -> !predict.isDisabled());
            fx(() -> {
                w.runsView().tryIt().usePictureFiles(() -> Optional.of(picture));
                ((Button) w.scene().lookup("#tryit-choose-image")).fire();
                ((TextField) w.scene().lookup("#tryit-text-question")).setText("what shape is it?");
                predict.fire();
                return null;
            });
            GridPane answer = fx(() -> (GridPane) w.scene().lookup("#tryit-answer"));
            waitFor(() -> answer.getChildren().size() == 15);
            for (Theme theme : Theme.values()) {
                for (int[] size : new int[][] {{1600, 1000}, {1024, 700}}) {
                    fx(() -> {
                        w.applyTheme(theme);
                        stage[0].setWidth(size[0]);
                        stage[0].setHeight(size[1]);
                        return null;
                    });
                    Thread.sleep(700); // not a test: the real window resizes and repaints asynchronously
                    String name = "try-it-" + theme.name().toLowerCase(java.util.Locale.ROOT) + "-" + size[0] + "x"
                            + size[1] + ".png";
                    var shot = fx(() -> w.scene().snapshot(null));
                    ImageIO.write(awt(shot), "png", out.resolve(name).toFile());
                    System.out.println("wrote " + out.resolve(name) + " (" + (int) shot.getWidth() + "x"
                            + (int) shot.getHeight() + ")");
                }
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

    /** The snapshot as a picture ImageIO writes (javafx-swing is not on the studio's class path). */
    private static BufferedImage awt(javafx.scene.image.WritableImage shot) {
        int w = (int) shot.getWidth();
        int h = (int) shot.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            shot.getPixelReader().getPixels(0, y, w, 1, javafx.scene.image.PixelFormat.getIntArgbInstance(), row, 0, w);
            out.setRGB(0, y, w, 1, row, 0, w);
        }
        return out;
    }

    private static void check(int code) {
        if (code != 0) {
            throw new IllegalStateException("netloom failed with exit code " + code);
        }
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
