package dev.netloom.train.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.netloom.train.data.idx.IdxFixture;
import dev.netloom.train.data.idx.IdxReader;
import dev.netloom.train.data.image.ImageFolderReader;
import dev.netloom.train.data.multimodal.ManifestReader;
import dev.netloom.train.data.qa.FashionQa;
import dev.netloom.train.data.qa.ShapesQa;
import dev.netloom.train.data.table.CsvTableReader;
import dev.netloom.train.data.text.TextClassificationReader;
import dev.netloom.train.data.text.TokenizerKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DataSourcesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path project;

    private DatasetReader reader(String json) throws IOException {
        return DataSources.reader(JSON.readTree(json), project);
    }

    @Test
    void everySourceBuildsItsReaderWithPathsRelativeToTheProject() throws IOException {
        assertThat(reader("{\"source\":\"idx\",\"images\":\"i.gz\",\"labels\":\"l.gz\",\"testImages\":\"ti.gz\","
                + "\"testLabels\":\"tl.gz\",\"validationFraction\":0.2}"))
                .isInstanceOfSatisfying(IdxReader.class, r -> {
                    assertThat(r.train().images()).isEqualTo(project.resolve("i.gz"));
                    assertThat(r.test().labels()).isEqualTo(project.resolve("tl.gz"));
                    assertThat(r.validationFraction()).isEqualTo(0.2);
                    assertThat(r.classes()).isEqualTo(IdxReader.DIGITS);
                });
        assertThat(reader("{\"source\":\"fashion-mnist\"}")).isInstanceOfSatisfying(IdxReader.class,
                r -> assertThat(r.train().images()).isEqualTo(Path.of(DataSources.FASHION_MNIST_FOLDER,
                        "train-images-idx3-ubyte.gz")));
        assertThat(reader("{\"source\":\"shapes-qa\",\"examples\":2000,\"seed\":7}"))
                .isEqualTo(new FixedSeedReader(new ShapesQa(2000, 0.1, 0.1), 7));
        assertThat(reader("{\"source\":\"fashion-qa\",\"folder\":\"fm\",\"examples\":20000}"))
                .isEqualTo(new FashionQa(project.resolve("fm"), 20000, 4000, 0.1));
        assertThat(reader("{\"source\":\"csv\",\"file\":\"iris.csv\",\"label\":\"species\"}"))
                .isEqualTo(new CsvTableReader(project.resolve("iris.csv"), "species", List.of(), 0.1, 0.1));
        assertThat(reader("{\"source\":\"image-folder\",\"folder\":\"pets\",\"testFraction\":0.2}"))
                .isEqualTo(new ImageFolderReader(project.resolve("pets"), 0.1, 0.2));
        assertThat(reader("{\"source\":\"text\",\"file\":\"reviews.jsonl\",\"tokenizer\":\"bpe\"}"))
                .isEqualTo(new TextClassificationReader(project.resolve("reviews.jsonl"), "text", "label",
                        TokenizerKind.BPE, List.of(), 0.1, 0.1));
        assertThat(reader("{\"source\":\"manifest\",\"file\":\"qa.csv\",\"classes\":[\"yes\",\"no\"]}"))
                .isEqualTo(new ManifestReader(project.resolve("qa.csv"), "image", "text", "label", TokenizerKind.WORD,
                        List.of("yes", "no"), 0.1, 0.1));
    }

    @Test
    void aPinnedSeedOverridesTheRequestsSeed() throws IOException {
        DatasetReader pinned = reader("{\"source\":\"shapes-qa\",\"examples\":100,\"seed\":7}");
        Dataset a = pinned.read(new DataRequest(3, 16, 16, 8, 64, 0, 1));
        Dataset b = pinned.read(new DataRequest(3, 16, 16, 8, 64, 0, 2));
        assertThat(a.train()).isEqualTo(b.train());
    }

    @Test
    void anIdxSectionReadsRealFiles() throws IOException {
        IdxFixture.fashionFolder(project, 50, 20);
        Dataset d = reader("{\"source\":\"fashion-mnist\",\"folder\":\".\"}").read(new DataRequest(0, 0, 0, 0, 0, 0, 1));
        assertThat(d.classes()).contains("ankle boot");
        assertThat(d.test().size()).isEqualTo(20);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[]|data: must be an object with a \"source\", got []",
        "{}|data.source: missing; one of idx, fashion-mnist, shapes-qa, fashion-qa, csv, image-folder, audio-folder, segmentation-folder, text, manifest",
        "{\"source\":\"parquet\"}|data.source: unknown source \"parquet\"; one of idx, fashion-mnist, shapes-qa, "
                + "fashion-qa, csv, image-folder, audio-folder, segmentation-folder, text, manifest",
        "{\"source\":\"segmentation-folder\",\"folder\":\"s\"}|data.classes: a segmentation dataset names its "
                + "classes in order (at least 2; index masks: value i is class i)",
        "{\"source\":\"segmentation-folder\",\"folder\":\"s\",\"classes\":[\"a\",\"b\"],\"palette\":[\"#000000\"]}|"
                + "data.palette: 1 colour for 2 classes; give one colour per class, in the order of data.classes",
        "{\"source\":\"segmentation-folder\",\"folder\":\"s\",\"classes\":[\"a\",\"b\"],\"palette\":[\"#000000\","
                + "\"red\"]}|data.palette[1]: must be a colour written #rrggbb, got \"red\"",
        "{\"source\":\"shapes-qa\",\"examples\":-5}|data.examples: must be a whole number from 1 to 10000000, got -5",
        "{\"source\":\"shapes-qa\",\"examples\":2.5}|data.examples: must be a whole number from 1 to 10000000, got 2.5",
        "{\"source\":\"shapes-qa\",\"exampels\":5}|data.exampels: not a setting of source \"shapes-qa\" (settings: "
                + "source, seed, validationFraction, testFraction, examples)",
        "{\"source\":\"shapes-qa\",\"seed\":\"x\"}|data.seed: must be a whole number, got \"x\"",
        "{\"source\":\"csv\"}|data.file: missing; the CSV file, relative to the project folder",
        "{\"source\":\"csv\",\"file\":3}|data.file: must be text, got 3",
        "{\"source\":\"csv\",\"file\":\"a.csv\",\"validationFraction\":1.5}|data.validationFraction: must be a number "
                + "from 0 to below 1, got 1.5",
        "{\"source\":\"csv\",\"file\":\"a.csv\",\"validationFraction\":0.5,\"testFraction\":0.5}|data.testFraction: "
                + "validationFraction and testFraction together must be below 1, got 0.5 + 0.5",
        "{\"source\":\"csv\",\"file\":\"a.csv\",\"classes\":[\"a\",\"a\"]}|data.classes[1]: must be a name not listed "
                + "before, got \"a\"",
        "{\"source\":\"text\",\"file\":\"a.csv\",\"tokenizer\":\"char\"}|data.tokenizer: must be \"word\" or \"bpe\", "
                + "got \"char\"",
        "{\"source\":\"idx\",\"images\":\"a\",\"labels\":\"b\",\"testImages\":\"c\"}|data.testLabels: missing; "
                + "testImages needs its labels file",
    })
    void aBadSectionIsOneLineNamingTheJsonPath(String json, String message) throws IOException {
        JsonNode node = JSON.readTree(json);
        assertThatThrownBy(() -> DataSources.reader(node, project)).isInstanceOf(DataSectionException.class)
                .hasMessage(message);
    }

    @Test
    void aMissingFileIsOneLineNamingIt() throws IOException {
        DatasetReader r = reader("{\"source\":\"csv\",\"file\":\"nope.csv\"}");
        assertThatThrownBy(() -> r.read(new DataRequest(0, 0, 0, 0, 0, 0, 1))).isInstanceOf(IOException.class)
                .hasMessage(project.resolve("nope.csv") + ": no such file");
        assertThat(Files.exists(project.resolve("nope.csv"))).isFalse();
    }
}
