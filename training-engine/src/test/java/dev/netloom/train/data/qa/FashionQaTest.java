package dev.netloom.train.data.qa;

import dev.netloom.train.data.DataRequest;
import dev.netloom.train.data.Dataset;
import dev.netloom.train.data.Examples;
import dev.netloom.train.data.Field;
import dev.netloom.train.data.idx.IdxFixture;
import dev.netloom.train.data.text.Tokenizer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FashionQaTest {

    private static final DataRequest REQUEST = new DataRequest(0, 0, 0, 0, 0, 0, 11);

    @TempDir
    static Path dir;
    static Dataset data;

    @BeforeAll
    static void generate() throws IOException {
        IdxFixture.fashionFolder(dir, 300, 100);
        data = new FashionQa(dir, 6000, 1000, 0.1).read(REQUEST);
    }

    @Test
    void hasPicturesQuestionsAndYesNoAnswers() {
        assertThat(data.classes()).containsExactly("no", "yes");
        assertThat(data.train().size() + data.validation().size()).isEqualTo(6000);
        assertThat(data.test().size()).isEqualTo(1000);
        assertThat(data.train().field("image").orElseThrow().shape()).containsExactly(1, 28, 28);
        assertThat(data.train().field("question").orElseThrow().shape()).containsExactly(8);
        assertThat(data.vocabulary()).startsWith(Tokenizer.PAD, Tokenizer.UNK).contains("footwear", "bag", "dress");
        assertThat(data.report().readCount()).isEqualTo(400);
    }

    @Test
    void answersAreHalfYes() {
        double yes = Arrays.stream(data.train().labels()).average().orElseThrow();
        assertThat(yes).isBetween(0.47, 0.53);
    }

    @Test
    void neitherTheQuestionNorThePictureAloneBeatsChanceByMuch() {
        Examples train = data.train();
        List<String> questions = questions(train);
        List<String> pictureClasses = pictureClasses(train);
        assertThat(Baselines.majorityAccuracy(questions, train.labels())).isLessThan(0.55);
        assertThat(Baselines.majorityAccuracy(pictureClasses, train.labels())).isLessThan(0.55);
        // Both together decide the answer: the set is learnable.
        List<String> both = new ArrayList<>();
        for (int i = 0; i < train.size(); i++) {
            both.add(questions.get(i) + "|" + pictureClasses.get(i));
        }
        assertThat(Baselines.majorityAccuracy(both, train.labels())).isEqualTo(1.0);
    }

    @Test
    void everyQuestionIsAskedAboutEveryClass() {
        Examples train = data.train();
        List<String> questions = questions(train);
        List<String> classes = pictureClasses(train);
        java.util.Set<String> pairs = new java.util.HashSet<>();
        for (int i = 0; i < train.size(); i++) {
            pairs.add(questions.get(i) + "|" + classes.get(i));
        }
        long distinctQuestions = questions.stream().distinct().count();
        assertThat(distinctQuestions).isEqualTo(10);
        // Each phrasing about each class; a few rare pairs may be missing in 5,400 draws.
        assertThat(pairs.size()).isGreaterThan(90);
    }

    @Test
    void theSameSeedGivesTheSameSetAndTheTestSplitUsesTheTestPictures() throws IOException {
        Dataset again = new FashionQa(dir, 6000, 1000, 0.1).read(REQUEST);
        assertThat(again.train()).isEqualTo(data.train());
        assertThat(again.fingerprint()).isEqualTo(data.fingerprint());
        assertThat(new FashionQa(dir, 6000, 1000, 0.1).read(new DataRequest(0, 0, 0, 0, 0, 0, 12)).train())
                .isNotEqualTo(data.train());
    }

    @Test
    void withoutTestFilesATenthIsHeldOut(@TempDir Path other) throws IOException {
        IdxFixture.fashionFolder(other, 100, 10);
        Files.delete(other.resolve("t10k-images-idx3-ubyte.gz"));
        Dataset d = new FashionQa(other, 1000, 200, 0.1).read(REQUEST);
        assertThat(d.test().size()).isBetween(95, 105);
        assertThat(d.train().size() + d.validation().size() + d.test().size()).isEqualTo(1000);
    }

    private static List<String> questions(Examples examples) {
        Field q = examples.field("question").orElseThrow();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < examples.size(); i++) {
            out.add(Arrays.toString(Arrays.copyOfRange(q.ids(), i * 8, i * 8 + 8)));
        }
        return out;
    }

    /** The fixture fills picture i with a grey level that says its class; the darkest pixel shows it. */
    private static List<String> pictureClasses(Examples examples) {
        Field image = examples.field("image").orElseThrow();
        int size = image.exampleSize();
        float[] values = image.floats(); // decoded once: pictures are held as bytes
        List<String> out = new ArrayList<>();
        for (int i = 0; i < examples.size(); i++) {
            float min = Float.MAX_VALUE;
            for (int p = i * size; p < (i + 1) * size; p++) {
                min = Math.min(min, values[p]);
            }
            out.add(String.format("%.2f", min));
        }
        assertThat(out.stream().distinct().count()).isEqualTo(10);
        return out;
    }
}
