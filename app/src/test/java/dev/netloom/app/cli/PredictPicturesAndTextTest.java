package dev.netloom.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code netloom predict} with pictures and questions (a manifest, for the image + text QA
 * template) and with texts (a BPE text classifier): the artifact and its FP32 bundle agree, so
 * the manifest's preprocessing (picture size and statistics, word and BPE tokenizers) is enough to
 * feed the bundle as training fed the model.
 */
class PredictPicturesAndTextTest {

    @TempDir
    static Path dir;

    private static Path qaModel;
    private static Path qaBundle;
    private static Path textModel;
    private static Path textBundle;

    private static Path export(Path model, String name) {
        Path out = dir.resolve(name);
        Cli export = Cli.run("export", model.toString(), "--device", "raspberry-pi-5", "--precision", "fp32", "--out",
                out.toString(), "--signing-key-dir", dir.resolve("keys").toString(), "--devices-dir",
                dir.resolve("devices").toString());
        assertThat(export.code()).as(export.err()).isZero();
        return out;
    }

    @BeforeAll
    static void trainAndExport() throws IOException {
        Path qa = dir.resolve("qa.netloom");
        assertThat(Cli.run("new", "--template", "image-text-qa", qa.toString()).code()).isZero();
        qaModel = dir.resolve("qa-model");
        Cli train = Cli.run("train", qa.toString(), "--data", "{\"source\": \"shapes-qa\", \"examples\": 300}",
                "--epochs", "1", "--out", qaModel.toString());
        assertThat(train.code()).as(train.err()).isZero();
        qaBundle = export(qaModel, "qa-bundle");

        Path text = dir.resolve("text.netloom");
        assertThat(Cli.run("new", "--template", "text-classifier", text.toString()).code()).isZero();
        String[][] topics = {{"sports", "goal match team score"}, {"music", "song band guitar concert"},
            {"food", "bread soup recipe oven"}, {"tech", "laptop software chip code"}};
        StringBuilder csv = new StringBuilder("text,label\n");
        Random random = new Random(4);
        for (int i = 0; i < 160; i++) {
            String[] t = topics[i % 4];
            String[] words = t[1].split(" ");
            csv.append("the ").append(words[random.nextInt(4)]).append(" and the ").append(words[random.nextInt(4)])
                    .append(" were great today,").append(t[0]).append('\n');
        }
        Files.writeString(dir.resolve("topics.csv"), csv);
        textModel = dir.resolve("text-model");
        Cli trainText = Cli.run("train", text.toString(), "--data", "{\"source\": \"text\", \"file\": \""
                + dir.resolve("topics.csv") + "\", \"tokenizer\": \"bpe\"}", "--epochs", "3", "--out", textModel.toString());
        assertThat(trainText.code()).as(trainText.err()).isZero();
        textBundle = export(textModel, "text-bundle");
    }

    private static void shape(Path file, Color colour, boolean circle) throws IOException {
        BufferedImage image = new BufferedImage(40, 40, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(20, 20, 30));
        g.fillRect(0, 0, 40, 40);
        g.setColor(colour);
        if (circle) {
            g.fillOval(8, 8, 24, 24);
        } else {
            g.fillRect(8, 8, 22, 22);
        }
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }

    private static List<JsonNode> json(Cli r) {
        assertThat(r.code()).as(r.err()).isZero();
        ObjectMapper mapper = new ObjectMapper();
        return r.out().lines().map(l -> {
            try {
                return mapper.readTree(l);
            } catch (IOException e) {
                throw new AssertionError(l, e);
            }
        }).toList();
    }

    private static void sameAnswers(List<JsonNode> engine, List<JsonNode> onnx, double tolerance) {
        assertThat(onnx).hasSameSizeAs(engine);
        for (int i = 0; i < engine.size(); i++) {
            assertThat(onnx.get(i).path("input")).isEqualTo(engine.get(i).path("input"));
            for (int k = 0; k < engine.get(i).path("top").size(); k++) {
                assertThat(onnx.get(i).path("top").get(k).path("probability").asDouble()).as("input %d, rank %d", i, k)
                        .isCloseTo(engine.get(i).path("top").get(k).path("probability").asDouble(), within(tolerance));
            }
            JsonNode top = engine.get(i).path("top");
            // The same best class, unless the two best are too close for two runtimes to order the same way.
            if (top.size() < 2 || top.get(0).path("probability").asDouble() - top.get(1).path("probability").asDouble() > 1e-3) {
                assertThat(onnx.get(i).path("top").get(0).path("class")).isEqualTo(top.get(0).path("class"));
            }
        }
    }

    @Test
    void picturesWithQuestionsFromAManifest() throws IOException {
        shape(dir.resolve("red-circle.png"), new Color(230, 30, 30), true);
        shape(dir.resolve("blue-square.png"), new Color(40, 80, 240), false);
        Path manifest = dir.resolve("ask.csv");
        Files.writeString(manifest, "image,question\nred-circle.png,what colour is the shape?\n"
                + "blue-square.png,what shape is it?\nred-circle.png,is it a circle?\n");
        List<JsonNode> engine = json(Cli.run("predict", qaModel.toString(), manifest.toString(), "--json", "--top", "3"));
        assertThat(engine).hasSize(3);
        assertThat(engine.get(0).path("input").asText()).isEqualTo(manifest + ":2");
        assertThat(engine.get(0).path("top")).hasSize(3);
        sameAnswers(engine, json(Cli.run("predict", qaBundle.toString(), manifest.toString(), "--json", "--top", "3")),
                1e-4);

        Path wrong = dir.resolve("wrong.csv");
        Files.writeString(wrong, "picture,question\nred-circle.png,is it red?\n");
        Cli r = Cli.run("predict", qaModel.toString(), wrong.toString());
        assertThat(r.code()).isEqualTo(ExitCode.INVALID);
        assertThat(r.err().strip()).isEqualTo("netloom predict: " + wrong + ": no column \"image\" (columns: picture, "
                + "question; the model reads image (picture), question (text))");
    }

    @Test
    void textsTypedOrInAFileThroughTheBpeTokenizer() throws IOException {
        Path note = dir.resolve("note.txt");
        Files.writeString(note, "a new guitar song at the concert\n");
        String[] inputs = {"the soup recipe needs an oven", "my laptop runs this code", note.toString(),
            "goalkeeper matches scored"};
        List<JsonNode> engine = json(Cli.run("predict", textModel.toString(), inputs[0], inputs[1], inputs[2],
                inputs[3], "--json"));
        assertThat(engine).extracting(n -> n.path("input").asText()).containsExactly(inputs);
        assertThat(engine.get(0).path("top").get(0).path("class").asText()).isEqualTo("food");
        sameAnswers(engine, json(Cli.run("predict", textBundle.toString(), inputs[0], inputs[1], inputs[2], inputs[3],
                "--json")), 1e-4);
        Cli missing = Cli.run("predict", textModel.toString(), dir.resolve("gone.txt").toString());
        assertThat(missing.err().strip()).isEqualTo("netloom predict: " + dir.resolve("gone.txt") + ": no such file");
    }
}
