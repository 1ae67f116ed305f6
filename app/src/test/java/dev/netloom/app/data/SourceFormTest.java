package dev.netloom.app.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The "choose a source" form without its controls. */
class SourceFormTest {

    @TempDir
    Path dir;

    @Test
    void fashionSetsAreOfferedOnlyWhenTheirFolderExists() throws Exception {
        assertThat(new SourceForm(dir.resolve("absent")).sources()).doesNotContain(Source.FASHION_MNIST,
                Source.FASHION_QA).contains(Source.SHAPES_QA, Source.IDX, Source.CSV, Source.MANIFEST);
        Files.createDirectories(dir.resolve("fashion"));
        assertThat(new SourceForm(dir.resolve("fashion")).sources()).contains(Source.FASHION_MNIST, Source.FASHION_QA);
    }

    @Test
    void aGeneratedSetTakesItsExampleCount() {
        SourceForm form = new SourceForm(null);
        form.examplesProperty().set(500);
        assertThat(form.choice()).isEqualTo(new DataChoice.ShapesQa(500));
    }

    @Test
    void aFileSourceSaysWhatIsMissingAndFindsIdxLabelsBesideThePictures() throws Exception {
        SourceForm form = new SourceForm(null);
        form.sourceProperty().set(Source.CSV);
        assertThatThrownBy(form::choice).hasMessage("Choose the file for CSV table first.");
        form.chooseFile(dir.resolve("iris.csv"));
        form.labelColumnProperty().set(" species ");
        assertThat(form.choice()).isEqualTo(new DataChoice.Table(dir.resolve("iris.csv"), "species"));

        form.sourceProperty().set(Source.IDX);
        assertThat(form.fileProperty().get()).as("a file chosen for another source is forgotten").isNull();
        Path images = TinyIdx.write(dir, "t10k", 10, false);
        form.chooseFile(images);
        assertThat(form.choice()).isEqualTo(new DataChoice.IdxFiles(images, dir.resolve("t10k-labels-idx1-ubyte")));
        Files.delete(dir.resolve("t10k-labels-idx1-ubyte"));
        form.chooseFile(images);
        assertThatThrownBy(form::choice).hasMessage("No labels file found beside t10k-images-idx3-ubyte; choose its labels file.");
    }

    @Test
    void theFormShowsWhatAProjectsSectionReads() throws Exception {
        SourceForm form = new SourceForm(null);
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        form.show(json.readTree("{\"source\": \"csv\", \"file\": \"data/iris.csv\", \"label\": \"species\"}"), dir);
        assertThat(form.choice()).isEqualTo(new DataChoice.Table(dir.resolve("data/iris.csv"), "species"));
        form.show(json.readTree("{\"source\": \"shapes-qa\", \"examples\": 4000}"), null);
        assertThat(form.choice()).isEqualTo(new DataChoice.ShapesQa(4000));
    }
}
