package dev.netloom.app.studio;

import dev.netloom.app.StudioServices;
import dev.netloom.app.TestHome;
import dev.netloom.app.session.ProjectSession;
import dev.netloom.app.workspace.Workspace;
import javafx.application.Platform;
import javafx.stage.Stage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Renders the Tune view with a limit (docs/screenshots/tune-limits*.png) at 1600×1000 and 1024×700,
 * headless: a real eight-trial study of image-text-qa (accuracy and latency on a Raspberry Pi 5,
 * the automatic sampler) with a parameter limit, so some trials are not trained. Run by
 * {@code docs/screenshots-make.sh tune-limits}.
 */
public final class TuneScreenshots {

    private static final StudioServices SERVICES = StudioServices.standard(TestHome.PATH);

    private TuneScreenshots() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Files.createDirectories(Path.of(args.length > 0 ? args[0] : "docs/screenshots"));
        Path home = SERVICES.home();
        Workspace workspace = Workspace.open(home);
        ExecutorService io = Executors.newFixedThreadPool(2);
        Platform.startup(() -> { });
        try {
            RealWindow real = RealWindow.open(SERVICES, workspace, home, io);
            StudioWindow w = real.window();
            Stage[] stage = {real.stage()};
            Path file = home.resolve("shapes-qa-limits.netloom");
            long limit = Screenshots.fx(() -> {
                w.applyTheme(Theme.LIGHT);
                w.startProject(SERVICES.templates().find("image-text-qa").orElseThrow().project());
                ProjectSession s = w.session();
                var json = new com.fasterxml.jackson.databind.ObjectMapper();
                s.putSection("data", json.readTree("{\"source\": \"shapes-qa\", \"examples\": 200}"));
                var training = ((com.fasterxml.jackson.databind.node.ObjectNode) s.sectionsProperty().get()
                        .get("training")).deepCopy();
                training.put("epochs", 2);
                s.putSection("training", training);
                s.designer().setSearchRange("fusion", "dim",
                        new dev.netloom.graph.search.Range.IntRange(16, 96, 1, true));
                s.designer().setSearchRange("conv2", "filters",
                        new dev.netloom.graph.search.Range.IntRange(16, 64, 1, true));
                // The limit: the model's size with both searched widths in the middle of their ranges.
                var g = s.designer().graph();
                g = g.withReplacedNode(g.requireNode("fusion").withParam("dim", 40));
                g = g.withReplacedNode(g.requireNode("conv2").withParam("filters", 32));
                return SERVICES.analyzer().analyze(g).total().parameters();
            });
            Screenshots.fx(() -> w.saveTo(file)).get(30, TimeUnit.SECONDS);
            var view = Screenshots.fx(() -> {
                w.showView("Tune");
                var v = (dev.netloom.app.search.TuneView) w.scene().lookup("#tune-view");
                v.setForm("shapes-qa-limits", 8, "latency", "raspberry-pi-5");
                v.setLimits("parameters<=" + limit);
                return v;
            });
            Screenshots.fx(() -> view.model().start(view.settings())).get(15, TimeUnit.MINUTES);
            Screenshots.fx(() -> {
                var front = view.model().progressProperty().get().pareto().front();
                if (!front.isEmpty()) {
                    view.model().selectedTrialProperty().set(front.get(0).number());
                }
                return null;
            });
            Thread.sleep(200); // the throttled redraw
            Screenshots.shot(w.scene(), out.resolve("tune-limits.png"));
            Screenshots.fx(() -> {
                stage[0].setWidth(1024);
                stage[0].setHeight(700);
                return null;
            });
            Thread.sleep(300);
            Screenshots.shot(w.scene(), out.resolve("tune-limits-1024x700.png"));
        } finally {
            io.shutdownNow();
            workspace.close();
            Platform.exit();
        }
    }
}
