package dev.netloom.app.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.netloom.app.StudioServices;
import dev.netloom.app.TestHome;
import dev.netloom.app.cli.NetloomCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tiny MobileNetV3-like model of {@link MobileConformanceData} (Hardswish, Squeeze-and-Excitation
 * with a Hardsigmoid gate, a depthwise convolution factorised into 1x5 and 5x1) trains a few steps on
 * 32 × 32 pictures made here and exports at FP32, INT8 and INT4 with the exporter's parity check
 * passed: the file computes what the trained model computes. The bundles' examples in Node and the
 * browser run it in {@code BundleConformanceTest} (kind "mobile") when {@code NETLOOM_CONFORMANCE=1}.
 */
class TinyMobileNetEndToEndTest {

    @TempDir
    Path dir;

    @Test
    void trainsAFewStepsAndExportsWithParityAtEveryCommonPrecision() throws Exception {
        ConformanceData.Kind kind = MobileConformanceData.mobile(dir.resolve("data"));
        Path project = Files.writeString(dir.resolve("mobile.netloom"), ConformanceData.project(kind));
        Path artifact = dir.resolve("model");

        String trained = cli("train", project.toString(), "--epochs", "2", "--out", artifact.toString());

        assertThat(trained).doesNotContain("NaN");
        JsonNode metrics = new ObjectMapper().readTree(artifact.resolve("metrics.json").toFile());
        assertThat(metrics.toString()).contains("accuracy");
        for (String precision : new String[] {"fp32", "int8", "int4"}) {
            Path bundle = dir.resolve("bundle-" + precision);
            String out = cli("export", artifact.toString(), "--device", "raspberry-pi-5", "--precision", precision,
                    "--out", bundle.toString(), "--signing-key-dir", dir.resolve("keys").toString());
            assertThat(out).as(precision).contains("PASSED");
            JsonNode manifest = new ObjectMapper().readTree(bundle.resolve("manifest.json").toFile());
            assertThat(manifest.path("parity").path("passed").asBoolean()).as(precision).isTrue();
            assertThat(manifest.path("parity").path("maxAbsDiff").asDouble()).as(precision).isLessThanOrEqualTo(1e-4);
        }
    }

    private static String cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = NetloomCommand.run(StudioServices.standard(TestHome.PATH), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(out, true, StandardCharsets.UTF_8), args);
        assertThat(code).as("netloom %s:%n%s", String.join(" ", args), out.toString(StandardCharsets.UTF_8)).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }
}
