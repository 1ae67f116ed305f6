package dev.netloom.train.data;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.netloom.train.data.image.ImageFolderReader;
import dev.netloom.train.data.table.CsvTableReader;
import dev.netloom.train.data.text.TextClassificationReader;
import dev.netloom.train.data.text.TokenizerKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** New data read as a trained model sees it: the model's statistics, tokenizer, columns and classes. */
class FittedPreprocessingTest {

    private static final DataRequest REQUEST = new DataRequest(0, 0, 0, 0, 0, 0, 3);

    @TempDir
    Path dir;

    /** What an artifact records of a dataset read for training (the preprocess.json round trip). */
    private static FittedPreprocessing fittedFrom(Dataset trained) {
        ObjectMapper json = new ObjectMapper();
        var preprocess = json.createObjectNode();
        preprocess.set("fields", json.valueToTree(trained.preprocessing()));
        return FittedPreprocessing.of(preprocess, trained.classes(), trained.vocabulary());
    }

    private Path csv(String name, String... lines) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, "size,colour,kind\n" + String.join("\n", lines) + "\n");
        return file;
    }

    @Test
    void aTableIsStandardisedWithTheModelsStatisticsNotItsOwn() throws IOException {
        Path a = csv("a.csv", "1,red,small", "2,blue,small", "3,red,small", "7,blue,big", "8,red,big", "9,blue,big");
        Dataset trained = new CsvTableReader(a, "kind", List.of(), 0, 0).read(REQUEST);
        FittedPreprocessing fitted = fittedFrom(trained);
        // New rows far from the training rows: their own mean would be 101, the model's is 5.
        Path b = csv("b.csv", "100,red,big", "102,blue,big", "101,green,big", "100,red,huge", "101,blue,small");
        Dataset read = new CsvTableReader(b, "kind", List.of(), 0, 0).read(REQUEST.withFitted(fitted));
        assertThat(read.classes()).isEqualTo(trained.classes());
        assertThat(read.train().size()).isEqualTo(3);
        float[] v = read.train().fields().get(0).floats();
        double mean = 5;
        double std = Math.sqrt((16 + 9 + 4 + 4 + 9 + 16) / 6.0);
        assertThat(v[0]).isCloseTo((float) ((100 - mean) / std), within(1e-4f));
        assertThat(v[1]).isEqualTo(0f);
        assertThat(v[2]).isEqualTo(1f); // red is the second category (blue, red)
        assertThat(read.train().labels()).containsExactly(0, 0, 1); // big, big, small
        assertThat(read.report().issues()).extracting(DataIssue::toString).containsExactlyInAnyOrder(
                b + ":4: unknown category \"green\" in column \"colour\" (not in the training split)",
                b + ":5: class \"huge\" is not one the model knows");
        assertThat(read.preprocessing()).isEqualTo(trained.preprocessing());
    }

    @Test
    void aTableMissingAModelColumnIsRefusedNamingIt() throws IOException {
        Dataset trained = new CsvTableReader(csv("a.csv", "1,red,small", "9,blue,big"), "kind", List.of(), 0, 0)
                .read(REQUEST);
        Path b = dir.resolve("b.csv");
        Files.writeString(b, "size,kind\n1,small\n");
        assertThatThrownBy(() -> new CsvTableReader(b, "kind", List.of(), 0, 0).read(REQUEST.withFitted(
                fittedFrom(trained)))).hasMessage(b + ": no column \"colour\" (columns: size, kind)");
    }

    @Test
    void dataNoneOfWhoseClassesTheModelKnowsIsRefusedNamingTheClasses() throws IOException {
        Dataset trained = new CsvTableReader(csv("a.csv", "1,red,small", "9,blue,big"), "kind", List.of(), 0, 0)
                .read(REQUEST);
        Path b = csv("b.csv", "1,red,tiny", "9,blue,huge");
        assertThatThrownBy(() -> new CsvTableReader(b, "kind", List.of(), 0, 0).read(REQUEST.withFitted(
                fittedFrom(trained)))).hasMessage(b + ": none of its classes (huge, tiny) is one the model knows (big, small)");
    }

    @Test
    void textIsEncodedWithTheModelsTokenizer() throws IOException {
        Path a = dir.resolve("a.csv");
        Files.writeString(a, "text,label\ngood film,pos\ngreat film,pos\nbad film,neg\nawful plot,neg\n");
        Dataset trained = new TextClassificationReader(a, "text", "label", TokenizerKind.WORD, List.of(), 0, 0)
                .read(new DataRequest(0, 0, 0, 4, 50, 0, 3));
        Path b = dir.resolve("b.csv");
        // Words the model never saw must be [UNK], not new tokens learned from this file.
        Files.writeString(b, "text,label\nsplendid film,pos\nsplendid splendid,neg\n");
        Dataset read = new TextClassificationReader(b, "text", "label", TokenizerKind.WORD, List.of(), 0, 0)
                .read(new DataRequest(0, 0, 0, 4, 50, 0, 3).withFitted(fittedFrom(trained)));
        int film = trained.vocabulary().indexOf("film");
        assertThat(read.vocabulary()).isEqualTo(trained.vocabulary());
        assertThat(read.train().fields().get(0).ids()).containsExactly(1, film, 0, 0, 1, 1, 0, 0);
        assertThat(read.classes()).isEqualTo(trained.classes());
    }

    @Test
    void picturesUseTheModelsChannelStatisticsAndUnknownClassFoldersAreCounted() throws IOException {
        Path a = dir.resolve("a");
        picture(a.resolve("dark/1.png"), 20);
        picture(a.resolve("dark/2.png"), 40);
        picture(a.resolve("light/1.png"), 200);
        picture(a.resolve("light/2.png"), 220);
        DataRequest request = new DataRequest(1, 4, 4, 0, 0, 0, 3);
        Dataset trained = new ImageFolderReader(a, 0, 0).read(request);
        Path b = dir.resolve("b");
        picture(b.resolve("light/1.png"), 250);
        picture(b.resolve("grey/1.png"), 128);
        Dataset read = new ImageFolderReader(b, 0, 0).read(request.withFitted(fittedFrom(trained)));
        double mean = (20 + 40 + 200 + 220) / 4.0 / 255;
        double std = Math.sqrt((Math.pow(20 / 255.0 - mean, 2) + Math.pow(40 / 255.0 - mean, 2)
                + Math.pow(200 / 255.0 - mean, 2) + Math.pow(220 / 255.0 - mean, 2)) / 4);
        assertThat(read.train().size()).isEqualTo(1);
        assertThat(read.train().labels()).containsExactly(1);
        assertThat(read.train().fields().get(0).floats()[0]).isCloseTo((float) ((250 / 255.0 - mean) / std),
                within(1e-3f));
        assertThat(read.report().issues()).extracting(DataIssue::toString)
                .containsExactly(b.resolve("grey/1.png") + ": class \"grey\" is not one the model knows");
        assertThat(read.classes()).containsExactly("dark", "light");

        Path c = dir.resolve("c");
        picture(c.resolve("red/1.png"), 1);
        assertThatThrownBy(() -> new ImageFolderReader(c, 0, 0).read(request.withFitted(fittedFrom(trained))))
                .hasMessage(c + ": none of its classes (red) is one the model knows (dark, light)");
    }

    @Test
    void unsplitPutsEveryExampleInTheTrainingSplit() throws IOException {
        Path a = csv("a.csv", "1,red,small", "2,blue,small", "3,red,small", "7,blue,big", "8,red,big", "9,blue,big");
        var section = new ObjectMapper().readTree("{\"source\": \"csv\", \"file\": \"a.csv\", \"label\": \"kind\"}");
        Dataset whole = DataSources.reader(DataSources.unsplit(section), dir).read(REQUEST);
        assertThat(whole.train().size()).isEqualTo(6);
        assertThat(whole.validation().size() + whole.test().size()).isZero();
        assertThat(section.has("testFraction")).isFalse();
    }

    private static void picture(Path file, int grey) throws IOException {
        Files.createDirectories(file.getParent());
        BufferedImage image = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                image.setRGB(x, y, grey << 16 | grey << 8 | grey);
            }
        }
        ImageIO.write(image, "png", file.toFile());
    }
}
