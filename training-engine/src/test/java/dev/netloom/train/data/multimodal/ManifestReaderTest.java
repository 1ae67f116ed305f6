package dev.netloom.train.data.multimodal;

import dev.netloom.train.data.DataRequest;
import dev.netloom.train.data.Dataset;
import dev.netloom.train.data.FieldKind;
import dev.netloom.train.data.text.TokenizerKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ManifestReaderTest {

    private static final DataRequest REQUEST = new DataRequest(3, 8, 8, 5, 50, 0, 2);

    @TempDir
    Path dir;

    private void pictures() throws IOException {
        Files.createDirectories(dir.resolve("pics"));
        for (int i = 0; i < 12; i++) {
            BufferedImage image = new BufferedImage(10, 10, BufferedImage.TYPE_INT_RGB);
            image.setRGB(i % 10, 0, (i % 2 == 0 ? Color.RED : Color.BLUE).getRGB());
            ImageIO.write(image, i % 3 == 0 ? "jpeg" : "png", dir.resolve("pics/p" + i + (i % 3 == 0 ? ".jpg" : ".png"))
                    .toFile());
        }
    }

    private static String path(int i) {
        return "pics/p" + i + (i % 3 == 0 ? ".jpg" : ".png");
    }

    @Test
    void csvManifestGivesAPictureAndATextField() throws IOException {
        pictures();
        StringBuilder csv = new StringBuilder("image,text,label\n");
        for (int i = 0; i < 12; i++) {
            csv.append(path(i)).append(",is the dot red?,").append(i % 2 == 0 ? "yes" : "no").append('\n');
        }
        csv.append("pics/missing.png,is the dot red?,yes\n");
        csv.append("pics/p1.png,,yes\n");
        Path manifest = dir.resolve("qa.csv");
        Files.writeString(manifest, csv);
        Dataset d = new ManifestReader(manifest, "image", "text", "label", TokenizerKind.WORD, List.of(), 0.0, 0.0)
                .read(REQUEST);
        assertThat(d.train().fields()).extracting(f -> f.kind()).containsExactly(FieldKind.IMAGE, FieldKind.TOKENS);
        assertThat(d.train().field("image").orElseThrow().shape()).containsExactly(3, 8, 8);
        assertThat(d.train().field("text").orElseThrow().shape()).containsExactly(5);
        assertThat(d.train().size()).isEqualTo(12);
        assertThat(d.classes()).containsExactly("no", "yes");
        assertThat(d.vocabulary()).contains("red");
        assertThat(d.report().issues()).extracting(Object::toString).containsExactly(
                manifest + ":14: pics/missing.png: no such picture", manifest + ":15: empty text in \"text\"");
    }

    @Test
    void jsonlManifestWorksTheSame() throws IOException {
        pictures();
        StringBuilder jsonl = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            jsonl.append("{\"image\": \"").append(path(i)).append("\", \"text\": \"what colour?\", \"label\": \"")
                    .append(i % 2 == 0 ? "red" : "blue").append("\"}\n");
        }
        Path manifest = dir.resolve("qa.jsonl");
        Files.writeString(manifest, jsonl);
        Dataset d = new ManifestReader(manifest, "image", "text", "label", TokenizerKind.BPE, List.of(), 0.25, 0.25)
                .read(REQUEST);
        assertThat(d.train().size() + d.validation().size() + d.test().size()).isEqualTo(12);
        assertThat(d.fingerprint()).isEqualTo(new ManifestReader(manifest, "image", "text", "label", TokenizerKind.BPE,
                List.of(), 0.25, 0.25).read(REQUEST).fingerprint());
    }

    @Test
    void noReadablePictureIsOneLine() throws IOException {
        Path manifest = dir.resolve("qa.csv");
        Files.writeString(manifest, "image,text,label\nnone.png,hello,yes\n");
        assertThatThrownBy(() -> new ManifestReader(manifest, "image", "text", "label", TokenizerKind.WORD, List.of(), 0,
                0).read(REQUEST)).isInstanceOf(IOException.class)
                .hasMessage(manifest + ": no row with a readable picture and a text (first problem: " + manifest
                        + ":2: none.png: no such picture)");
    }
}
