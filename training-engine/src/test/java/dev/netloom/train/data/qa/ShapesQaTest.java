package dev.netloom.train.data.qa;

import dev.netloom.train.data.DataRequest;
import dev.netloom.train.data.Dataset;
import dev.netloom.train.data.Examples;
import dev.netloom.train.data.Field;
import dev.netloom.train.data.text.Tokenizer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShapesQaTest {

    private static final DataRequest REQUEST = new DataRequest(3, 32, 32, 8, 64, 0, 7);

    @Test
    void theSameSeedGivesTheSameSetAndAnotherSeedAnother() throws IOException {
        ShapesQa qa = new ShapesQa(500, 0.1, 0.1);
        Dataset a = qa.read(REQUEST);
        Dataset b = qa.read(REQUEST);
        assertThat(a.train()).isEqualTo(b.train());
        assertThat(a.test()).isEqualTo(b.test());
        assertThat(a.fingerprint()).isEqualTo(b.fingerprint());
        Dataset c = qa.read(new DataRequest(3, 32, 32, 8, 64, 0, 8));
        assertThat(c.train()).isNotEqualTo(a.train());
        assertThat(c.fingerprint()).isNotEqualTo(a.fingerprint());
    }

    @Test
    void twoThousandExamplesAreAllDelivered() throws IOException {
        // (Its speed, ~100 ms on a quiet machine, is not a test: under load it took 1.9 s.)
        Dataset d = new ShapesQa(2000, 0.1, 0.1).read(REQUEST);
        assertThat(d.train().size() + d.validation().size() + d.test().size()).isEqualTo(2000);
        assertThat(d.validation().size()).isBetween(190, 210); // 10% each, split per class
        assertThat(d.test().size()).isBetween(190, 210);
    }

    @Test
    void aPictureInputNoDatasetCanFeedIsRefusedAsAMessageAndSoIsAHugeSet() {
        assertThatThrownBy(() -> new ShapesQa(10, 0, 0).read(new DataRequest(4, 8, 8, 8, 64, 0, 1)))
                .isInstanceOf(IOException.class)
                .hasMessage("the graph's picture input: pictures have 1 (grey) or 3 (RGB) channels, got 4");
        assertThatThrownBy(() -> new ShapesQa(10_000_000, 0, 0).read(REQUEST))
                .isInstanceOf(IOException.class).hasMessageStartingWith("shapes-qa: 10,000,000 examples of 3,072 values "
                        + "need 122.9 GB");
    }

    @Test
    void fieldsFollowTheRequest() throws IOException {
        Dataset d = new ShapesQa(200, 0.1, 0.1).read(new DataRequest(1, 24, 20, 6, 40, 0, 3));
        assertThat(d.train().field("image").orElseThrow().shape()).containsExactly(1, 24, 20);
        assertThat(d.train().field("question").orElseThrow().shape()).containsExactly(6);
        assertThat(d.classes()).isEqualTo(ShapesQa.ANSWERS);
        assertThat(d.vocabulary()).startsWith(Tokenizer.PAD, Tokenizer.UNK).hasSizeLessThanOrEqualTo(40);
        assertThat(d.preprocessing()).containsKeys("image", "question");
    }

    @Test
    void yesNoQuestionsAreTrueHalfTheTimeAndQuestionsAloneDoNotAnswer() throws IOException {
        Dataset d = new ShapesQa(4000, 0.0, 0.0).read(REQUEST);
        Examples all = d.train();
        int yes = ShapesQa.ANSWERS.indexOf("yes");
        int no = ShapesQa.ANSWERS.indexOf("no");
        long yesCount = Arrays.stream(all.labels()).filter(l -> l == yes).count();
        long noCount = Arrays.stream(all.labels()).filter(l -> l == no).count();
        assertThat((double) yesCount / (yesCount + noCount)).isBetween(0.45, 0.55);
        // Question alone: "what colour" can only guess one of four colours, "is it red?" one of yes/no.
        List<String> questions = new ArrayList<>();
        Field q = all.field("question").orElseThrow();
        for (int i = 0; i < all.size(); i++) {
            questions.add(Arrays.toString(Arrays.copyOfRange(q.ids(), i * 8, i * 8 + 8)));
        }
        assertThat(Baselines.majorityAccuracy(questions, all.labels())).isLessThan(0.5);
    }

    @Test
    @SuppressWarnings("unchecked")
    void thePictureShowsTheColourTheAnswerNames() throws IOException {
        Dataset d = new ShapesQa(400, 0.0, 0.0).read(REQUEST);
        Examples all = d.train();
        Map<String, Object> image = (Map<String, Object>) d.preprocessing().get("image");
        List<Double> mean = (List<Double>) image.get("mean");
        List<Double> std = (List<Double>) image.get("std");
        float[] v = all.field("image").orElseThrow().floats();
        int plane = 32 * 32;
        int checked = 0;
        for (int i = 0; i < all.size(); i++) {
            String answer = d.classes().get(all.labels()[i]);
            if (!List.of("red", "green", "blue").contains(answer)) {
                continue;
            }
            double[] brightest = new double[3];
            for (int p = 0; p < plane; p++) {
                for (int c = 0; c < 3; c++) {
                    double raw = v[i * 3 * plane + c * plane + p] * std.get(c) + mean.get(c);
                    brightest[c] = Math.max(brightest[c], raw);
                }
            }
            int channel = List.of("red", "green", "blue").indexOf(answer);
            for (int c = 0; c < 3; c++) {
                if (c != channel) {
                    assertThat(brightest[channel]).as("example %d answers %s", i, answer).isGreaterThan(brightest[c]);
                }
            }
            checked++;
        }
        assertThat(checked).isGreaterThan(30);
    }
}
