package dev.netloom.app.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.netloom.app.StudioServices;
import dev.netloom.app.TestHome;
import dev.netloom.app.session.ProjectSession;
import dev.netloom.designer.model.DesignerModel;
import dev.netloom.graph.Graph;
import dev.netloom.graph.edit.GraphDocument;
import dev.netloom.graph.project.Project;
import javafx.application.Platform;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Data view's state without a window: real reads through the training engine (Shapes QA,
 * a small IDX pair, a CSV table), the check against the graph, and the project's data section.
 * The FX toolkit runs (a Task reports on its thread) but nothing is shown.
 */
class DataViewModelTest {

    private static final StudioServices SERVICES = StudioServices.standard(TestHome.PATH);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final ExecutorService io = Executors.newSingleThreadExecutor();
    private ProjectSession session;
    private DataViewModel model;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @BeforeEach
    void setUp() throws Exception {
        model = fx(() -> {
            DesignerModel designer = new DesignerModel(new GraphDocument(SERVICES.catalog(), Graph.EMPTY),
                    SERVICES.analyzer());
            session = new ProjectSession(SERVICES.projectFile(), designer, dir.resolve("home"), io, Platform::runLater);
            return new DataViewModel(session, io);
        });
    }

    @AfterEach
    void tearDown() {
        io.shutdownNow();
    }

    private static <T> T fx(Callable<T> action) throws Exception {
        T result = WaitForAsyncUtils.asyncFx(action).get(60, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        return result;
    }

    private DataPreview applied(DataChoice choice) throws Exception {
        CompletableFuture<DataPreview> read = fx(() -> model.apply(choice));
        DataPreview p = read.get(60, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        return p;
    }

    private void template(String key) throws Exception {
        Project p = SERVICES.templates().find(key).orElseThrow().project();
        // Without its data section: each test chooses its own data.
        fx(() -> {
            session.start(new Project(key, "", p.graph(), java.util.Map.of()), null);
            return null;
        });
    }

    @Test
    void shapesQaOnTheImageTextTemplateShowsPicturesQuestionsBalanceAndMatches() throws Exception {
        template("image-text-qa");
        DataPreview p = applied(new DataChoice.ShapesQa(300));

        assertThat(p.name()).startsWith("Shapes QA");
        assertThat(p.train() + p.validation() + p.test()).isEqualTo(300);
        assertThat(p.classes()).containsExactly("red", "green", "blue", "yellow", "circle", "square", "triangle",
                "yes", "no");
        assertThat(p.balance()).extracting(DataPreview.ClassCount::examples).allMatch(n -> n > 0);
        assertThat(p.balance().stream().mapToInt(DataPreview.ClassCount::examples).sum()).isEqualTo(300);
        assertThat(p.samples()).hasSize(DataViewModel.SAMPLES).allSatisfy(s -> {
            assertThat(s.picture().width()).isEqualTo(32); // the template's Image input asks for 3 × 32 × 32
            assertThat(s.text()).endsWith("?").doesNotContain("[PAD]");
            assertThat(p.classes()).contains(s.label());
        });
        assertThat(p.isTable()).isFalse();
        assertThat(p.report().line()).isEqualTo("300 read · 0 skipped");
        assertThat(model.checkProperty().get()).isEqualTo(new ModelCheck(true, ModelCheck.MATCHES));
        assertThat(model.busyProperty().get()).isFalse();
        assertThat(model.errorProperty().get()).isEmpty();

        // Applying stores the section in the project: unsaved until Save writes it.
        assertThat(session.sectionsProperty().get().get("data"))
                .isEqualTo(JSON.readTree("{\"source\": \"shapes-qa\", \"examples\": 300}"));
        assertThat(session.dirtyProperty().get()).isTrue();
        Path file = dir.resolve("qa.netloom");
        fx(() -> session.save(file)).get(60, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(session.dirtyProperty().get()).isFalse();
        assertThat(SERVICES.projectFile().read(file).section("data")).hasValue(
                JSON.readTree("{\"source\": \"shapes-qa\", \"examples\": 300}"));
    }

    @Test
    void theCheckRefusesShapesQaForTheSmallCnnAndFollowsTheGraph() throws Exception {
        template("small-cnn");
        DataPreview p = applied(new DataChoice.ShapesQa(200));
        assertThat(p.samples().get(0).picture().width()).isEqualTo(28); // fitted to the 1 × 28 × 28 input

        ModelCheck refused = model.checkProperty().get();
        assertThat(refused.matches()).isFalse();
        assertThat(refused.message()).isEqualTo("Head classes predicts 10 classes, the dataset has 9 (red, green, "
                + "blue, yellow, circle, square, triangle, yes, no); set its classes to 9");

        fx(() -> session.designer().setParam("classes", "classes", 9));
        assertThat(model.checkProperty().get().matches()).isTrue();
    }

    @Test
    void aChangedPictureSizeReadsTheDataAgainAsTrainingWould() throws Exception {
        template("image-text-qa");
        applied(new DataChoice.ShapesQa(100));
        fx(() -> session.designer().setParam("image", "width", 24));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !model.busyProperty().get()
                && model.previewProperty().get().samples().get(0).picture().width() == 24);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.checkProperty().get().matches()).isTrue();
    }

    @Test
    void anIdxPairIsReadWithItsLabelsAndMatchesTheSmallCnn() throws Exception {
        template("small-cnn");
        Path images = TinyIdx.write(dir, "train", 60, true);
        Path labels = DataChoice.IdxFiles.labelsBeside(images).orElseThrow();
        DataPreview p = applied(new DataChoice.IdxFiles(images, labels));

        assertThat(p.name()).isEqualTo("train-images-idx3-ubyte.gz");
        assertThat(p.train() + p.validation() + p.test()).isEqualTo(60);
        assertThat(p.classes()).containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
        assertThat(p.balance()).extracting(DataPreview.ClassCount::examples).containsOnly(6);
        Picture first = p.samples().get(0).picture();
        assertThat(first.width()).isEqualTo(28);
        // Grey: every pixel has red = green = blue, scaled to the full range.
        assertThat(java.util.Arrays.stream(first.argb()))
                .allMatch(v -> ((v >> 16) & 0xff) == (v & 0xff) && ((v >> 8) & 0xff) == (v & 0xff));
        assertThat(first.argb()).contains(0xff000000, 0xffffffff);
        assertThat(model.checkProperty().get().matches()).isTrue();
    }

    @Test
    void aCsvTableShowsItsFirstRowsAndTheSkippedRowsWithFileAndRow() throws Exception {
        template("small-cnn");
        Path csv = dir.resolve("flowers.csv");
        StringBuilder rows = new StringBuilder("length,colour,species\n");
        for (int i = 0; i < 40; i++) {
            rows.append(1 + i % 5).append('.').append(i % 10).append(',').append(i % 2 == 0 ? "red" : "blue")
                    .append(',').append(i % 2 == 0 ? "rosa" : "viola").append('\n');
        }
        rows.append("2.5,red\n"); // row 42: one cell short
        Files.writeString(csv, rows.toString());
        DataPreview p = applied(new DataChoice.Table(csv, "species"));

        assertThat(p.isTable()).isTrue();
        assertThat(p.featureColumns()).containsExactly("length", "colour=blue", "colour=red");
        assertThat(p.samples().get(0).features()).hasSize(3);
        assertThat(p.classes()).containsExactly("rosa", "viola");
        assertThat(p.report().skipped()).isEqualTo(1);
        assertThat(p.report().issues()).singleElement().asString()
                .endsWith("flowers.csv:42: ragged row, 2 columns, expected 3");
        // The small CNN has a picture input, not a table one: the refusal names it.
        assertThat(model.checkProperty().get().message()).startsWith("Head classes predicts 10 classes");
    }

    @Test
    void aBadSettingOrAMissingFileIsOneLineAndLeavesTheProjectAlone() throws Exception {
        template("image-text-qa");
        CompletableFuture<DataPreview> bad = fx(() -> model.apply(new DataChoice.ShapesQa(0)));
        assertThatThrownBy(() -> bad.get(60, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
        assertThat(model.errorProperty().get())
                .isEqualTo("data.examples: must be a whole number from 1 to 10000000, got 0");

        Path missing = dir.resolve("nowhere.csv");
        CompletableFuture<DataPreview> gone = fx(() -> model.apply(new DataChoice.Table(missing, "label")));
        assertThatThrownBy(() -> gone.get(60, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.errorProperty().get()).contains("nowhere.csv").doesNotContain("\n");
        assertThat(model.busyProperty().get()).isFalse();
        assertThat(session.sectionsProperty().get()).doesNotContainKey("data");
        assertThat(session.dirtyProperty().get()).isFalse();
    }

    @Test
    void theProjectsOwnDataIsReadOnlyOnceTheViewIsShown() throws Exception {
        Project qa = SERVICES.templates().find("image-text-qa").orElseThrow().project()
                .withSection("data", JSON.readTree("{\"source\": \"shapes-qa\", \"examples\": 120}"));
        fx(() -> {
            session.start(qa, null);
            return null;
        });
        assertThat(model.previewProperty().get()).isNull();
        assertThat(model.busyProperty().get()).isFalse();

        CompletableFuture<DataPreview> read = fx(() -> {
            model.setActive(true);
            return model.readProjectData();
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> model.previewProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(read).isNotNull();
        assertThat(model.previewProperty().get().train() + model.previewProperty().get().validation()
                + model.previewProperty().get().test()).isEqualTo(120);
        assertThat(session.dirtyProperty().get()).as("reading the project's own data changes nothing").isFalse();

        // A project without data says so.
        fx(() -> {
            session.start(Project.of("empty", Graph.EMPTY), null);
            return null;
        });
        assertThat(model.previewProperty().get()).isNull();
        assertThat(model.statusProperty().get()).startsWith("This project has no data yet");
        assertThat(List.of(model.checkProperty().get() == null)).containsExactly(true);
    }

    @Test
    void theSectionKeepsPathsInsideTheProjectFolderRelative() throws Exception {
        JsonNode inside = new DataChoice.Table(dir.resolve("data/iris.csv"), "species").section(dir);
        assertThat(inside.toString()).isEqualTo("{\"source\":\"csv\",\"file\":\"data/iris.csv\",\"label\":\"species\"}");
        Path elsewhere = dir.resolve("other/iris.csv").toAbsolutePath();
        assertThat(new DataChoice.Table(elsewhere, "species").section(dir.resolve("project")).get("file").asText())
                .isEqualTo(elsewhere.toString());
        assertThat(new DataChoice.Texts(dir.resolve("t.jsonl"), "body", "topic", "bpe").section(null).toString())
                .contains("\"text\":\"body\",\"label\":\"topic\",\"tokenizer\":\"bpe\"");
    }
}
