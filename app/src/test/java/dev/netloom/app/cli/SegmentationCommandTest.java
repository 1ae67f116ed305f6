package dev.netloom.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A segmentation project end to end through the command line: pictures with masks beside them
 * (made here: bright rectangles on a dark noisy background), a small U-Net with a per-pixel head,
 * {@code netloom train} (mean IoU in the epoch lines and the test line, {@code meanIoU} in
 * metrics.json), {@code netloom eval} scoring the same, and {@code netloom export} verifying the
 * bundle against the trained model.
 */
class SegmentationCommandTest {

    @TempDir
    Path dir;

    private void pictures(Path folder, int count, long seed) throws Exception {
        Files.createDirectories(folder.resolve("images"));
        Files.createDirectories(folder.resolve("masks"));
        Random r = new Random(seed);
        for (int n = 0; n < count; n++) {
            BufferedImage picture = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
            BufferedImage mask = new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_GRAY);
            int x0 = r.nextInt(10);
            int y0 = r.nextInt(10);
            int w = 3 + r.nextInt(5);
            int h = 3 + r.nextInt(5);
            for (int y = 0; y < 16; y++) {
                for (int x = 0; x < 16; x++) {
                    boolean inside = x >= x0 && x < x0 + w && y >= y0 && y < y0 + h;
                    int grey = Math.max(0, Math.min(255, (inside ? 200 : 40) + (int) (25 * r.nextGaussian())));
                    picture.setRGB(x, y, grey * 0x010101);
                    mask.getRaster().setSample(x, y, 0, inside ? 1 : 0);
                }
            }
            ImageIO.write(picture, "png", folder.resolve("images/p" + n + ".png").toFile());
            ImageIO.write(mask, "png", folder.resolve("masks/p" + n + ".png").toFile());
        }
    }

    @Test
    void aSmallUNetTrainsEvaluatesAndExports() throws Exception {
        pictures(dir.resolve("blocks"), 200, 1);
        Path project = dir.resolve("seg.netloom");
        Files.writeString(project, """
                {"schemaVersion": 1, "name": "seg", "graph": {"nodes": [
                  {"id": "image", "type": "Image", "params": {"height": 16, "width": 16, "channels": 1}},
                  {"id": "c1", "type": "Conv2d", "params": {"filters": 8}},
                  {"id": "r1", "type": "Activation"},
                  {"id": "pool", "type": "MaxPool2d"},
                  {"id": "c2", "type": "Conv2d", "params": {"filters": 8}},
                  {"id": "r2", "type": "Activation"},
                  {"id": "up", "type": "Upsample", "params": {"mode": "bilinear"}},
                  {"id": "cat", "type": "Concat"},
                  {"id": "head", "type": "PerPositionClassification", "params": {"classes": 2}}],
                 "edges": [{"from": "image.out", "to": "c1.in"}, {"from": "c1.out", "to": "r1.in"},
                           {"from": "r1.out", "to": "pool.in"}, {"from": "pool.out", "to": "c2.in"},
                           {"from": "c2.out", "to": "r2.in"}, {"from": "r2.out", "to": "up.in"},
                           {"from": "r1.out", "to": "cat.a"}, {"from": "up.out", "to": "cat.b"},
                           {"from": "cat.out", "to": "head.in"}]},
                 "data": {"source": "segmentation-folder", "folder": "blocks", "classes": ["background", "block"],
                          "validationFraction": 0.2, "testFraction": 0.2},
                 "training": {"epochs": 10, "batchSize": 16, "learningRate": 0.01, "seed": 3, "threads": 1}}
                """);
        Path model = dir.resolve("model");
        Cli train = Cli.run("train", project.toString(), "--out", model.toString());
        assertThat(train.code()).as(train.err()).isZero();
        assertThat(train.out()).contains("epoch 10/10", "mean IoU").contains("POSITIONS");
        String testLine = train.out().lines().filter(l -> l.startsWith("Test:")).findFirst().orElseThrow();
        assertThat(testLine).contains("pixel accuracy", "mean IoU");

        JsonNode metrics = new ObjectMapper().readTree(model.resolve("metrics.json").toFile());
        assertThat(metrics.path("test").path("meanIoU").asDouble()).as(testLine).isGreaterThan(0.8); // 0.93 measured
        assertThat(metrics.path("history").get(9).path("validationMeanIoU").asDouble()).isGreaterThan(0.5);

        Cli eval = Cli.run("eval", model.toString());
        assertThat(eval.code()).as(eval.err()).isZero();
        assertThat(eval.out()).contains(testLine);

        Cli export = Cli.run("export", model.toString(), "--device", "raspberry-pi-5", "--precision", "fp32", "--out",
                dir.resolve("bundle").toString(), "--signing-key-dir", dir.resolve("keys").toString(), "--devices-dir",
                dir.resolve("devices").toString());
        assertThat(export.code()).as(export.err() + export.out()).isZero();
        JsonNode manifest = new ObjectMapper().readTree(dir.resolve("bundle/manifest.json").toFile());
        assertThat(manifest.path("outputs").get(0).path("shape").toString()).isEqualTo("[\"N\",2,16,16]");
        // Accuracy after export is pixel accuracy, as the test line's (FP32 computes what training did).
        double pixelAccuracy = Double.parseDouble(testLine.replaceAll(".*pixel accuracy ([\\d.]+)%.*", "$1")) / 100;
        assertThat(manifest.path("accuracy").path("fp32Accuracy").asDouble()).isCloseTo(pixelAccuracy,
                org.assertj.core.data.Offset.offset(0.0001));
    }
}
