package dev.netloom.app.data;

import dev.netloom.app.StudioServices;
import dev.netloom.graph.Graph;
import dev.netloom.graph.Node;
import dev.netloom.graph.analysis.GraphAnalysis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The CSV preview and the dataset-versus-model check. */
class CsvAndCheckTest {

    private static final StudioServices SERVICES = StudioServices.standard();

    @TempDir
    Path dir;

    private static GraphAnalysis template(String name) {
        return SERVICES.analyzer().analyze(SERVICES.templates().find(name).orElseThrow().project().graph());
    }

    @Test
    void csvLabelColumnIsFoundByNameAndFeaturesCounted() throws IOException {
        Path csv = dir.resolve("iris.csv");
        Files.writeString(csv, "species,sepal_len,sepal_wid\nsetosa,5.1,3.5\nvirginica,6.3,3.3\nsetosa,4.9,3.0\n");
        DatasetPreview p = CsvPreviewReader.preview(csv, 2);
        // No column is called label/class/target/y, so the last column is the label.
        assertThat(p.columns()).containsExactly("species", "sepal_len", "sepal_wid");
        Path named = dir.resolve("named.csv");
        Files.writeString(named, "a,label,b\n1,cat,2\n3,dog,4\n5,cat,6\n");
        DatasetPreview q = CsvPreviewReader.preview(named, 2);
        assertThat(q.columns()).containsExactly("a", "b", "label");
        assertThat(q.exampleShape()).containsExactly(2);
        assertThat(q.count()).isEqualTo(3);
        assertThat(q.samples()).hasSize(2).first().satisfies(s -> {
            assertThat(s.values()).containsExactly("1", "2");
            assertThat(s.label()).isEqualTo("cat");
        });
        assertThat(q.classCounts()).containsExactly(Map.entry("cat", 2), Map.entry("dog", 1));
    }

    @Test
    void mnistLikePicturesFitTheSmallCnn() throws IOException {
        DatasetPreview p = IdxReader.preview(TinyIdx.write(dir, "train", 20, true), 4);
        DatasetCheck.Result r = DatasetCheck.check(p, template("small-cnn"));
        assertThat(r.fits()).as(r.findings().toString()).isTrue();
        assertThat(r.findings()).extracting(DatasetCheck.Finding::text)
                .anySatisfy(f -> assertThat(f).contains("takes 1×28×28, as the dataset gives"))
                .anySatisfy(f -> assertThat(f).contains("has 10 classes, as the labels do"));
    }

    @Test
    void aMismatchSaysWhatToChange() throws IOException {
        DatasetPreview p = IdxReader.preview(TinyIdx.write(dir, "train", 20, false), 4);
        Graph colour = new Graph(List.of(new Node("img", "Image", Map.of("channels", 3, "height", 32, "width", 32),
                dev.netloom.graph.Position.ORIGIN, "")), List.of());
        DatasetCheck.Result r = DatasetCheck.check(p, SERVICES.analyzer().analyze(colour));
        assertThat(r.fits()).isFalse();
        assertThat(r.findings()).extracting(DatasetCheck.Finding::text).containsExactly(
                "Input “img” takes 3×32×32 but the dataset gives 1×28×28; set its channels, height and width to 1, 28, 28.");

        DatasetCheck.Result text = DatasetCheck.check(p, template("text-classifier"));
        assertThat(text.fits()).isFalse();
        assertThat(text.findings().get(0).text()).startsWith("The model has no Image input for these pictures (1×28×28)");
    }
}
