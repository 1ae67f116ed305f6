package dev.netloom.app.studio;

import dev.netloom.app.StudioServices;
import dev.netloom.app.cli.NetloomCommand;
import dev.netloom.app.export.ExportView;
import dev.netloom.app.export.ModelChoice;
import dev.netloom.app.workspace.Workspace;
import dev.netloom.graph.Precision;
import javafx.application.Platform;
import javafx.stage.Stage;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static dev.netloom.app.studio.ViewScreenshots.check;
import static dev.netloom.app.studio.ViewScreenshots.fx;
import static dev.netloom.app.studio.ViewScreenshots.shoot;

/**
 * The views issue 16 changed, in a real window (run under Xvfb: {@code docs/lowbit-screenshots.sh})
 * at 1600×1000 and 1024×700, light and dark: the Train view with "Train for 2-bit" chosen, and the
 * Export view's two marks (fits, keeps accuracy) for a Shapes QA model trained here (1,200
 * examples, 3 epochs) with its accuracy measured at every precision for a Raspberry Pi 5.
 * Arguments: the output folder and a scratch folder.
 */
public final class LowBitScreenshots {

    private LowBitScreenshots() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Files.createDirectories(Path.of(args[0]));
        Path scratch = Files.createDirectories(Path.of(args[1]));
        StudioServices services = StudioServices.standard(scratch.resolve("home"));
        Path qa = scratch.resolve("qa.netloom");
        Path model = scratch.resolve("qa.runs/shapes-qa");
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        if (!Files.exists(model)) {
            check(NetloomCommand.run(services, quiet, System.err, "new", "--template", "image-text-qa", "--force", qa.toString()));
            check(NetloomCommand.run(services, quiet, System.err, "train", qa.toString(), "--data",
                    "{\"source\": \"shapes-qa\", \"examples\": 1200}", "--epochs", "3", "--out", model.toString()));
        }
        Workspace workspace = Workspace.open(services.home());
        ExecutorService io = Executors.newFixedThreadPool(2);
        Platform.startup(() -> { });
        try {
            RealWindow real = RealWindow.open(services, workspace, services.home(), io);
            StudioWindow w = real.window();
            Stage[] stage = {real.stage()};
            fx(() -> w.openFile(qa)).get(30, TimeUnit.SECONDS);
            fx(() -> {
                w.showView("Train");
                w.trainView().model().form().trainForProperty().set(Precision.INT2);
                return null;
            });
            shoot(w, stage[0], out, "train-for-2bit", () -> w.showView("Train"));

            fx(() -> {
                w.showView("Export");
                return null;
            });
            ExportView view = fx(() -> (ExportView) w.scene().lookup(".export-view"));
            var m = view.model();
            fx(() -> m.chooseModel(ModelChoice.folder(model))).get(60, TimeUnit.SECONDS);
            fx(() -> {
                m.chooseDevice("raspberry-pi-5");
                return null;
            });
            fx(m::measureAccuracy).get(600, TimeUnit.SECONDS);
            if (!fx(() -> m.errorProperty().get()).isEmpty()) {
                throw new IllegalStateException("measuring failed: " + fx(() -> m.errorProperty().get()));
            }
            fx(() -> m.rowsProperty().get()).forEach(r -> System.out.printf("%-12s %.4f%n", r.word(), r.accuracy()));
            shoot(w, stage[0], out, "export-marks", () -> w.showView("Export"));
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
}
