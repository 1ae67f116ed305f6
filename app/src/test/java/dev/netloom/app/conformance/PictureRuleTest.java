package dev.netloom.app.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.netloom.train.data.image.PictureConversion;
import dev.netloom.train.data.image.PictureFile;
import dev.netloom.train.data.image.PictureSize;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Node.js example's picture rule (PNG decoding with zlib, over black, bilinear resize, BT.601
 * grey, /255) against the training engine's PictureConversion: bit for bit when the picture is
 * already the model's size, within one 8-bit level when it is resized (Java2D's fixed-point
 * rounding), for colour, grey and palette PNGs. Needs only Node.js, not the conformance runtimes.
 */
class PictureRuleTest {

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}x{1} picture, {2}, to a {3}-channel 16x16 model")
    @CsvSource({"16, 16, rgb, 3", "16, 16, rgb, 1", "16, 16, grey, 1", "16, 16, palette, 3",
            "23, 17, rgb, 3", "9, 12, rgb, 1", "40, 40, grey, 3"})
    void theNodeExampleConvertsPicturesAsTheTrainingEngine(int width, int height, String type, int channels)
            throws Exception {
        Assumptions.assumeTrue(node("--version") != null, "node is not installed");
        BufferedImage picture = picture(width, height, type, new Random(width * 31L + height + channels));
        Path png = tmp.resolve("p.png");
        ImageIO.write(picture, "png", png.toFile());

        PictureSize size = new PictureSize(channels, 16, 16);
        float[] java = new float[size.values()];
        PictureConversion.toFloats(PictureFile.read(png).picture(), size, java, 0);

        Path script = tmp.resolve("run_model.mjs");
        try (InputStream in = PictureRuleTest.class.getResourceAsStream("/dev/netloom/export/bundle/templates/run_model.mjs.tmpl")) {
            Files.writeString(script, new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("\\{\\{[A-Za-z]+}}", "x"));
        }
        Path probe = Files.writeString(tmp.resolve("probe.mjs"), String.join("\n",
                "import fs from 'node:fs';",
                "import { decodePng, pictureValues } from './run_model.mjs';",
                "const pre = { channels: " + channels + ", height: 16, width: 16, resize: 'bilinear' };",
                "const values = pictureValues(pre, [1, " + channels + ", 16, 16], decodePng(fs.readFileSync(process.argv[2]), 'p.png'));",
                "console.log(JSON.stringify(Array.from(values)));", ""));
        String out = node(probe.toString(), png.toString());
        assertThat(out).isNotNull();
        JsonNode values = new ObjectMapper().readTree(out);
        assertThat(values.size()).isEqualTo(java.length);
        double worst = 0;
        for (int i = 0; i < java.length; i++) {
            worst = Math.max(worst, Math.abs(values.get(i).asDouble() - java[i]));
        }
        if (width == 16 && height == 16) {
            assertThat(worst).as("a picture at the model's size is converted bit for bit").isZero();
        } else {
            assertThat(worst).as("a resized picture is within one 8-bit level").isLessThanOrEqualTo(1.0 / 255 + 1e-6);
        }
    }

    private static BufferedImage picture(int width, int height, String type, Random random) {
        BufferedImage img = switch (type) {
            case "grey" -> new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
            case "palette" -> new BufferedImage(width, height, BufferedImage.TYPE_BYTE_INDEXED);
            default -> new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        };
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                // Smooth gradients with some noise, so resizing has something to interpolate.
                int r = (x * 255 / Math.max(1, width - 1) + random.nextInt(20)) & 0xff;
                int g = (y * 255 / Math.max(1, height - 1) + random.nextInt(20)) & 0xff;
                int b = random.nextInt(256);
                img.setRGB(x, y, 0xff000000 | r << 16 | g << 8 | b);
            }
        }
        return img;
    }

    // Runs node; its standard output, or null when it cannot run or fails.
    private String node(String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 1];
        command[0] = "node";
        System.arraycopy(args, 0, command, 1, args.length);
        Process p;
        try {
            p = new ProcessBuilder(command).directory(tmp.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            return null;
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : null;
    }
}
