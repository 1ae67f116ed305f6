package dev.netloom.app.export;

import dev.netloom.app.StudioServices;
import dev.netloom.app.TestHome;
import dev.netloom.app.studio.StudioStyle;
import dev.netloom.app.studio.Theme;
import dev.netloom.app.training.ExpertPruner;
import dev.netloom.designer.view.DesignerStyle;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Export view's experts card: shown for a Mixture-of-Experts model only, and after "Measure
 * experts" a row per number of experts kept (the figures handed over here; measuring them for
 * real is {@code netloom prune-experts --table}'s test).
 */
@ExtendWith(ApplicationExtension.class)
class ExpertsCardTest {

    private static final StudioServices SERVICES = StudioServices.standard(TestHome.PATH);

    @TempDir
    Path dir;

    private final ExecutorService io = Executors.newSingleThreadExecutor();
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @AfterEach
    void tearDown() {
        io.shutdownNow();
    }

    /** A folder holding a template's graph as a model artifact's graph.json. */
    private Path model(String template) throws IOException {
        Path folder = dir.resolve(template);
        Files.createDirectories(folder);
        try (var in = getClass().getResourceAsStream("/netloom/templates/" + template + ".netloom")) {
            Files.copy(in, folder.resolve("graph.json"));
        }
        return folder;
    }

    @Test
    void aMoeModelShowsTheCardAndMeasuringListsEveryNumberOfExpertsKept(FxRobot robot) throws Exception {
        Path moe = model("image-text-moe");
        Path cnn = model("small-cnn");
        AtomicReference<String> fail = new AtomicReference<>();
        ExpertsCardModel model = new ExpertsCardModel(SERVICES.projectFile(), io, Platform::runLater, (artifact, progress) -> {
            progress.accept("Scoring…");
            if (fail.get() != null) {
                throw new IOException(fail.get());
            }
            return List.of(new ExpertPruner.CountRow(4, 0.90, 100_000, 400_000),
                    new ExpertPruner.CountRow(3, 0.895, 80_000, 320_000),
                    new ExpertPruner.CountRow(2, 0.85, 60_000, 240_000));
        });
        ExpertsCard card = WaitForAsyncUtils.asyncFx(() -> {
            ExpertsCard c = new ExpertsCard(model);
            Application.setUserAgentStylesheet(Theme.LIGHT.userAgentStylesheet());
            Scene scene = new Scene(c, 1400, 900); // the size the studio tests after it expect of the shared stage
            scene.getStylesheets().addAll(DesignerStyle.STYLESHEET, StudioStyle.STYLESHEET, ExportStyle.STYLESHEET);
            stage.setScene(scene);
            stage.show();
            return c;
        }).get(60, TimeUnit.SECONDS);

        WaitForAsyncUtils.asyncFx(() -> model.show(cnn)).get(60, TimeUnit.SECONDS).get(60, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(card.isVisible()).as("a model without experts").isFalse();

        WaitForAsyncUtils.asyncFx(() -> model.show(moe)).get(60, TimeUnit.SECONDS).get(60, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(card.isVisible()).isTrue();
        assertThat(robot.lookup("#export-experts-table").query().isVisible()).as("nothing measured yet").isFalse();

        robot.clickOn("#export-measure-experts");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !model.rowsProperty().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        GridPane table = robot.lookup("#export-experts-table").queryAs(GridPane.class);
        List<String> texts = table.getChildren().stream().map(n -> ((Label) n).getText()).toList();
        assertThat(texts).contains("Experts per layer", "4 (as trained)", "90.00%", "3", "-0.50 pt", "2", "-5.00 pt",
                "60,000", "60% of the model's");
        // A drop of more than a point is marked as one.
        Node bigDrop = table.getChildren().stream().filter(n -> "-5.00 pt".equals(((Label) n).getText())).findFirst()
                .orElseThrow();
        assertThat(bigDrop.getStyleClass()).contains(ExportStyle.FITS_NO);
        assertThat(robot.lookup("#export-experts-status").queryAs(Label.class).getText())
                .startsWith("Measured on the test split");

        fail.set("the model has no data section, so its accuracy cannot be measured");
        robot.clickOn("#export-measure-experts");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> robot.lookup("#export-experts-status").queryAs(Label.class)
                .getText().startsWith("Could not measure"));
        assertThat(robot.lookup("#export-experts-status").queryAs(Label.class).getText())
                .isEqualTo("Could not measure: the model has no data section, so its accuracy cannot be measured");
    }
}
