package dev.netloom.app.studio;

import dev.netloom.app.data.DataViewModel;
import dev.netloom.app.data.ModelCheck;
import dev.netloom.app.session.ProjectSession;
import dev.netloom.graph.Graph;
import dev.netloom.graph.Position;
import dev.netloom.graph.project.Project;
import dev.netloom.graph.project.ProjectFile;
import javafx.scene.chart.BarChart;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The studio window headless: projects, autosave and recovery, theme, views, data. */
class StudioWindowTest extends WindowHarness {

    @Test
    void newProjectFromATemplateThenSaveCloseAndReopenGivesTheSameGraph(FxRobot robot) throws Exception {
        StudioWindow w = open(dir.resolve("home"));
        robot.clickOn("#new-project");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(prompts.asked).contains("new project [empty, small-cnn, mobilenet-v2, text-classifier, "
                + "image-text-qa, moe-transformer, image-text-moe, ds-cnn-s, mobilenet-v3-small, efficientnet-b0, resnet-18, unet-segmentation]");
        Graph template = SERVICES.templates().find("small-cnn").orElseThrow().project().graph();
        // The template's model, drawn anew top to bottom: only where the cards sit differs.
        assertThat(dev.netloom.graph.diff.GraphDiff.of(template, w.session().designer().graph()).isEmpty()).isTrue();
        assertThat(dev.netloom.designer.model.Flow.of(w.session().designer().graph()))
                .isEqualTo(dev.netloom.designer.model.Flow.TOP_TO_BOTTOM);
        assertThat(stage.getTitle()).isEqualTo("small-cnn — Netloom Studio");

        fx(() -> w.session().designer().moveNodes(java.util.Map.of("conv1", new Position(7, 9))));
        assertThat(stage.getTitle()).isEqualTo("• small-cnn — Netloom Studio");
        Graph edited = w.session().designer().graph();
        Path file = dir.resolve("mine.netloom");
        fx(() -> w.saveTo(file)).get(60, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(stage.getTitle()).isEqualTo("mine — Netloom Studio");
        assertThat(new ProjectFile(SERVICES.catalog()).read(file).graph()).isEqualTo(edited);

        assertThat(fx(w::confirmClose)).isTrue();
        assertThat(prompts.asked).noneMatch(s -> s.startsWith("unsaved"));
        fx(() -> {
            w.startProject(dev.netloom.graph.project.Project.of("other", Graph.EMPTY));
            return null;
        });
        fx(() -> w.openFile(file)).get(60, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(w.session().designer().graph()).isEqualTo(edited);
        assertThat(w.session().dirtyProperty().get()).isFalse();
        assertThat(workspace.recentProjects()).extracting(r -> r.path()).containsExactly(file.toAbsolutePath());
    }

    @Test
    void closingWithUnsavedChangesAsksAndCanSave() throws Exception {
        StudioWindow w = open(dir.resolve("home"));
        fx(() -> {
            w.startProject(SERVICES.templates().find("small-cnn").orElseThrow().project());
            return w.session().designer().addLayer("Dropout", new Position(0, 400));
        });
        prompts.unsaved = Prompts.UnsavedChoice.CANCEL;
        assertThat(fx(w::confirmClose)).isFalse();
        String name = w.session().nameProperty().get();
        prompts.unsaved = Prompts.UnsavedChoice.SAVE;
        prompts.saveTarget = dir.resolve("saved-on-close.netloom");
        assertThat(fx(w::confirmClose)).isTrue();
        assertThat(w.session().dirtyProperty().get()).isFalse();
        assertThat(prompts.asked).containsSubsequence("unsaved " + name, "unsaved " + name, "save as " + name);
        assertThat(new ProjectFile(SERVICES.catalog()).read(prompts.saveTarget).graph().nodes())
                .anySatisfy(n -> assertThat(n.type()).isEqualTo("Dropout"));
    }

    @Test
    void crashRecoveryRestoresUnsavedEdits() throws Exception {
        Path home = dir.resolve("home");
        Path file = dir.resolve("crashy.netloom");
        new ProjectFile(SERVICES.catalog()).write(SERVICES.templates().find("small-cnn").orElseThrow().project(), file);
        // Make the project file clearly older than the autosave written below.
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        StudioWindow first = open(home);
        fx(() -> first.openFile(file)).get(60, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        fx(() -> first.session().designer().addLayer("Dropout", new Position(10, 500)));
        Graph unsaved = first.session().designer().graph();
        assertThat(fx(() -> first.session().autosave()).get(60, TimeUnit.SECONDS)).isTrue();
        assertThat(ProjectSession.autosaveFileOf(file)).exists();
        first.dispose(); // the "crash": no close, no save, the autosave stays

        prompts.recover = true;
        StudioWindow second = open(home);
        fx(() -> second.openFile(file)).get(60, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(prompts.asked).contains("recover");
        assertThat(second.session().designer().graph()).isEqualTo(unsaved);
        assertThat(second.session().dirtyProperty().get()).isTrue();
        fx(() -> second.saveTo(file)).get(60, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(ProjectSession.autosaveFileOf(file)).doesNotExist();
        assertThat(second.session().dirtyProperty().get()).isFalse();
    }

    @Test
    void anUntitledProjectIsRecoveredAtStartUp() throws Exception {
        Path home = dir.resolve("home");
        StudioWindow first = open(home);
        fx(() -> first.session().designer().addLayer("Image", new Position(0, 0)));
        fx(() -> first.session().autosave()).get(60, TimeUnit.SECONDS);
        first.dispose();

        prompts.recover = true;
        StudioWindow second = open(home);
        fx(() -> {
            second.offerStartupRecovery();
            return null;
        });
        assertThat(second.session().designer().graph().nodes()).extracting(n -> n.type()).containsExactly("Image");
        assertThat(stage.getTitle()).startsWith("• ");
    }

    @Test
    void theThemeSwitchesAndIsRememberedBetweenRuns(FxRobot robot) throws Exception {
        Path home = dir.resolve("home");
        StudioWindow w = open(home);
        assertThat(w.theme()).isEqualTo(Theme.LIGHT);
        robot.clickOn("#theme-toggle");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(w.theme()).isEqualTo(Theme.DARK);
        assertThat(javafx.application.Application.getUserAgentStylesheet()).isEqualTo(Theme.DARK.userAgentStylesheet());
        assertThat(w.scene().getRoot().getStyleClass()).contains(StudioStyle.DARK);
        w.dispose();

        StudioWindow again = open(home);
        assertThat(again.theme()).isEqualTo(Theme.DARK);
        fx(() -> {
            again.applyTheme(Theme.LIGHT);
            return null;
        });
        assertThat(workspace.setting(Theme.SETTING)).hasValue("light");
    }

    @Test
    void theRailShowsEachView(FxRobot robot) throws Exception {
        open(dir.resolve("home"));
        for (String[] view : List.of(new String[] {"train", "#train-start"}, new String[] {"tune", "#tune-view"},
                new String[] {"export", "#export-device"}, new String[] {"runs", "#runs-table"},
                new String[] {"data", "#data-read"}, new String[] {"design", "#palette-search"})) {
            robot.clickOn("#rail-" + view[0]);
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(robot.lookup(view[1]).tryQuery()).as(view[0]).isPresent();
        }
    }

    @Test
    void theDataViewReadsShapesQaShowsSamplesBalanceAndTheCheck(FxRobot robot) throws Exception {
        StudioWindow w = open(dir.resolve("home"));
        Graph qa = SERVICES.templates().find("image-text-qa").orElseThrow().project().graph();
        fx(() -> {
            w.startProject(Project.of("qa", qa));
            w.showView("Data");
            return null;
        });
        assertThat(robot.lookup("This project has no data yet: choose a source and read it.").tryQuery()).isPresent();
        robot.clickOn("Shapes QA");
        robot.clickOn("#data-read");
        DataViewModel model = w.dataView().model();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> model.previewProperty().get() != null
                && !model.busyProperty().get());
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(robot.lookup("#data-name").queryLabeled().getText()).startsWith("Shapes QA");
        assertThat(robot.lookup("#data-splits").queryLabeled().getText())
                .matches("1,[56]\\d\\d training · 2\\d\\d validation · 2\\d\\d test"); // stratified, rounded per class
        assertThat(robot.lookup(".sample").queryAll()).hasSize(DataViewModel.SAMPLES);
        assertThat(robot.lookup(".sample-text").queryAll()).isNotEmpty();
        BarChart<?, ?> balance = robot.lookup("#data-balance").queryAs(BarChart.class);
        assertThat(balance.getData()).singleElement().satisfies(series -> assertThat(series.getData()).hasSize(9));
        assertThat(robot.lookup("#data-check").queryLabeled().getText()).isEqualTo(ModelCheck.MATCHES);
        assertThat(robot.lookup("#data-check").queryLabeled().getStyleClass()).contains(StudioStyle.CHECK_OK);
        assertThat(robot.lookup("#data-report").queryLabeled().getText()).isEqualTo("2,000 read · 0 skipped");
        assertThat(w.session().sectionsProperty().get().get("data").toString())
                .isEqualTo("{\"source\":\"shapes-qa\",\"examples\":2000}");
        assertThat(stage.getTitle()).startsWith("• ");
    }

    @Test
    void anIncompatibleDatasetShowsTheRefusalLine(FxRobot robot) throws Exception {
        StudioWindow w = open(dir.resolve("home"));
        Graph cnn = SERVICES.templates().find("small-cnn").orElseThrow().project().graph();
        fx(() -> {
            w.startProject(Project.of("cnn", cnn));
            w.showView("Data");
            return null;
        });
        robot.clickOn("Shapes QA");
        robot.clickOn("#data-read");
        DataViewModel model = w.dataView().model();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> model.checkProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#data-check").queryLabeled().getText())
                .startsWith("Head classes predicts 10 classes, the dataset has 9 (red, green, blue");
        assertThat(robot.lookup("#data-check").queryLabeled().getStyleClass()).contains(StudioStyle.CHECK_BAD);
    }
}
