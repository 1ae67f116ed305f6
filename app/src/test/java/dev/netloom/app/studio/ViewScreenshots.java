package dev.netloom.app.studio;

import dev.netloom.app.StudioServices;
import dev.netloom.app.cli.NetloomCommand;
import dev.netloom.app.workspace.Workspace;
import dev.netloom.graph.Edge;
import dev.netloom.graph.Graph;
import dev.netloom.graph.project.Project;
import javafx.application.Platform;
import javafx.scene.control.TableView;
import javafx.stage.Stage;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

/**
 * The views issue 19 changed, in a real window (run under Xvfb: {@code docs/views-screenshots.sh})
 * at 1600×1000 and 1024×700, light and dark: MobileNetV2 new from its template (top to bottom, at
 * fit), a shape error with its fix, the Train view's settings, the Tune view's budget, and Runs ›
 * Compare of two real runs (trained here on 600 and 1,200 Shapes QA examples, the second with
 * another dropout rate). Arguments: the output folder and a scratch folder.
 */
public final class ViewScreenshots {

    private ViewScreenshots() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Files.createDirectories(Path.of(args[0]));
        Path scratch = Files.createDirectories(Path.of(args[1]));
        StudioServices services = StudioServices.standard(scratch.resolve("home"));
        Path qa = scratch.resolve("qa.netloom");
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        if (!Files.exists(scratch.resolve("qa.runs-done"))) {
            check(NetloomCommand.run(services, quiet, System.err, "new", "--template", "image-text-qa", "--force", qa.toString()));
            check(NetloomCommand.run(services, quiet, System.err, "train", qa.toString(), "--data",
                    "{\"source\": \"shapes-qa\", \"examples\": 600}", "--epochs", "3", "--out",
                    scratch.resolve("qa.runs/small-data").toString()));
            Project p = services.projectFile().read(qa);
            Graph g = p.graph();
            services.projectFile().write(p.withGraph(g.withReplacedNode(g.requireNode("dropout").withParam("rate", 0.3))), qa);
            check(NetloomCommand.run(services, quiet, System.err, "train", qa.toString(), "--data",
                    "{\"source\": \"shapes-qa\", \"examples\": 1200}", "--epochs", "3", "--out",
                    scratch.resolve("qa.runs/more-data").toString()));
            Files.writeString(scratch.resolve("qa.runs-done"), "");
        }

        Workspace workspace = Workspace.open(services.home());
        ExecutorService io = Executors.newFixedThreadPool(2);
        Platform.startup(() -> { });
        try {
            RealWindow real = RealWindow.open(services, workspace, services.home(), io);
            StudioWindow w = real.window();
            Stage[] stage = {real.stage()};

            // Design: MobileNetV2 as the wizard makes it.
            fx(() -> {
                w.startProject(services.templates().find("mobilenet-v2").orElseThrow().project());
                return null;
            });
            shoot(w, stage[0], out, "design-mobilenet-v2", () -> w.designer().fitToView());

            // Design: a shape error and its fix (small-cnn without its Flatten).
            fx(() -> {
                Project p = services.templates().find("small-cnn").orElseThrow().project();
                Graph g = p.graph();
                String flat = g.nodes().stream().filter(n -> n.type().equals("Flatten")).findFirst().orElseThrow().id();
                Edge in = g.edges().stream().filter(e -> e.to().nodeId().equals(flat)).findFirst().orElseThrow();
                Edge outEdge = g.edges().stream().filter(e -> e.from().nodeId().equals(flat)).findFirst().orElseThrow();
                Graph broken = g.withoutNode(flat).withEdge(new Edge(in.from(), outEdge.to()));
                w.startProject(p.withGraph(broken));
                return null;
            });
            shoot(w, stage[0], out, "design-problem-fix", () -> w.designer().fitToView());

            // Train, Tune and Runs for the trained project.
            fx(() -> w.openFile(qa)).get(30, TimeUnit.SECONDS);
            fx(() -> {
                w.session().designer().setSearchRange("fusion", "dim",
                        new dev.netloom.graph.search.Range.IntRange(16, 48, 1, true));
                return null;
            });
            shoot(w, stage[0], out, "train-settings", () -> w.showView("Train"));
            shoot(w, stage[0], out, "tune-budget", () -> w.showView("Tune"));
            fx(() -> {
                w.showView("Runs");
                return null;
            });
            TableView<?> table = fx(() -> (TableView<?>) w.scene().lookup("#runs-table"));
            waitFor(() -> table.getItems().size() >= 2);
            fx(() -> {
                table.getSelectionModel().selectRange(0, 2);
                ((javafx.scene.control.Button) w.scene().lookup("#runs-compare")).fire();
                return null;
            });
            TableView<?> diff = fx(() -> (TableView<?>) w.scene().lookup("#runs-settings-diff"));
            waitFor(() -> !diff.getItems().isEmpty());
            shoot(w, stage[0], out, "runs-compare", () -> { });
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

    /** The window at both sizes in both themes, after {@code prepare} (run again after each resize). */
    static void shoot(StudioWindow w, Stage stage, Path out, String name, Runnable prepare) throws Exception {
        for (Theme theme : Theme.values()) {
            for (int[] size : new int[][] {{1600, 1000}, {1024, 700}}) {
                fx(() -> {
                    w.applyTheme(theme);
                    stage.setWidth(size[0]);
                    stage.setHeight(size[1]);
                    return null;
                });
                Thread.sleep(700); // not a test: the real window resizes and repaints asynchronously
                fx(() -> {
                    prepare.run();
                    return null;
                });
                Thread.sleep(300);
                String file = name + "-" + theme.name().toLowerCase(Locale.ROOT) + "-" + size[0] + "x" + size[1] + ".png";
                var shot = fx(() -> w.scene().snapshot(null));
                ImageIO.write(awt(shot), "png", out.resolve(file).toFile());
                System.out.println("wrote " + out.resolve(file));
            }
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

    static void check(int code) {
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

    static <T> T fx(Callable<T> action) throws Exception {
        FutureTask<T> task = new FutureTask<>(action);
        Platform.runLater(task);
        return task.get(60, TimeUnit.SECONDS);
    }
}
