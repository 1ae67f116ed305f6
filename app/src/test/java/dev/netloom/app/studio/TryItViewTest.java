package dev.netloom.app.studio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.netloom.app.cli.NetloomCommand;
import dev.netloom.app.workspace.RunStatus;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.layout.GridPane;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Runs view's "Try it" tab on a model trained here: a picture chosen and a question typed give
 * the same answer as {@code netloom predict} on the same picture and question.
 */
class TryItViewTest extends WindowHarness {

    private static String cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = NetloomCommand.run(SERVICES, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aPictureAndAQuestionGetTheAnswerNetloomPredictGives(FxRobot robot) throws Exception {
        Path project = dir.resolve("qa.netloom");
        open(dir.resolve("home"));
        fx(() -> {
            window.startProject(SERVICES.templates().find("image-text-qa").orElseThrow().project());
            return null;
        });
        fx(() -> window.saveTo(project)).get(60, TimeUnit.SECONDS);
        Path model = dir.resolve("qa.runs").resolve("run-1");
        cli("train", project.toString(), "--data", "{\"source\": \"shapes-qa\", \"examples\": 300}", "--epochs", "1",
                "--out", model.toString());
        long id = workspace.runs().start(project, "run 1", "{}", "Shapes QA", "f00d", null, null);
        workspace.runs().finish(id, RunStatus.FINISHED, model.toString(), 0.5, "trained 1 epoch");

        Path picture = dir.resolve("red-circle.png");
        BufferedImage image = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(225, 30, 30));
        g.fillOval(6, 6, 20, 20);
        g.dispose();
        ImageIO.write(image, "png", picture.toFile());

        fx(() -> {
            window.showView("Runs");
            return null;
        });
        TableView<?> table = robot.lookup("#runs-table").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> table.getItems().size() == 1);
        Button predict = robot.lookup("#tryit-predict").queryButton();
        assertThat(predict.isDisabled()).isTrue();
        fx(() -> {
            table.getSelectionModel().select(0);
            TabPane tabs = robot.lookup("#runs-tabs").queryAs(TabPane.class);
            tabs.getSelectionModel().select(tabs.getTabs().stream().filter(t -> t.getText().equals("Try it"))
                    .findFirst().orElseThrow());
            return null;
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !predict.isDisabled());
        assertThat(robot.lookup("#tryit-title").queryAs(Label.class).getText())
                .isEqualTo("Try the model of run 1: give it a picture and a question, then Predict.");

        // Nothing given yet: one line says what is missing.
        robot.clickOn("#tryit-predict");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#tryit-error").queryAs(Label.class).getText()).isEqualTo("Choose or drop a picture first.");

        window.runsView().tryIt().usePictureFiles(() -> Optional.of(picture));
        robot.clickOn("#tryit-choose-image");
        robot.clickOn("#tryit-text-question").write("what colour is the shape?");
        robot.clickOn("#tryit-predict");
        GridPane answer = robot.lookup("#tryit-answer").queryAs(GridPane.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> answer.getChildren().size() == 15);
        assertThat(robot.lookup("#tryit-error").queryAs(Label.class).getText()).isEmpty();
        List<String> shown = answer.getChildren().stream().filter(n -> n instanceof Label).map(n -> ((Label) n).getText())
                .toList();

        Path manifest = dir.resolve("ask.csv");
        Files.writeString(manifest, "image,question\nred-circle.png,what colour is the shape?\n");
        JsonNode cli = new ObjectMapper().readTree(cli("predict", model.toString(), manifest.toString(), "--json",
                "--top", "5"));
        for (int k = 0; k < 5; k++) {
            JsonNode r = cli.path("top").get(k);
            assertThat(shown.get(2 * k)).isEqualTo(r.path("class").asText());
            assertThat(shown.get(2 * k + 1)).isEqualTo(String.format(java.util.Locale.ROOT, "%.1f%%",
                    r.path("probability").asDouble() * 100));
        }
    }
}
