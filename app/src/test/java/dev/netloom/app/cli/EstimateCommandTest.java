package dev.netloom.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code netloom estimate}: per-layer table, totals, verdicts, and usage errors. */
class EstimateCommandTest {

    @TempDir
    Path dir;

    private Path project(String template) {
        Path file = dir.resolve(template + ".netloom");
        Cli r = Cli.run("new", "--template", template, file.toString());
        assertThat(r.code()).as(r.err()).isZero();
        return file;
    }

    private Cli estimate(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "estimate";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "--devices-dir";
        all[args.length + 2] = dir.resolve("devices").toString();
        return Cli.run(all);
    }

    @Test
    void mobileNetOnAPi4PrintsLayersTotalsAndFits() {
        Cli r = estimate(project("mobilenet-v2").toString(), "--device", "raspberry-pi-4", "--threads", "4");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("on Raspberry Pi 4 Model B, FP32, 4 threads", "LAYER", "COMPUTE MS", "MEMORY MS",
                "OVERHEAD MS", "LATENCY MS", "BOUND", "Verdict:     FITS", "layers fused into the layer before them");
        assertThat(r.out()).containsPattern("stem\\s+Conv2d\\s+FP32\\s+[0-9.]+\\s+[0-9.]+\\s+0.015\\s+[0-9.]+\\s+compute");
        // 61.88 ms published (ncnn; bench/published-latency.csv); the profile's efficiencies are fitted to it and others.
        java.util.regex.Matcher latency = java.util.regex.Pattern.compile("Latency:     ([0-9.]+) ms per example").matcher(r.out());
        assertThat(latency.find()).isTrue();
        assertThat(Double.parseDouble(latency.group(1))).isCloseTo(61.88, org.assertj.core.data.Percentage.withPercentage(20));
        assertThat(r.out()).containsPattern("Peak RAM:    [0-9.]+ MiB of a 768 MiB budget");
        assertThat(r.out()).containsPattern("Bottleneck:  \\S+ \\(\\w+, (compute|memory)-bound"); // ids of expanded blocks hold / and #
    }

    @Test
    void aModelTooBigForAMicrocontrollerDoesNotFitAndSaysWhy() throws Exception {
        Cli r = estimate(project("mobilenet-v2").toString(), "--device", "stm32h7", "--precision", "int8");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Verdict:     DOES NOT FIT", "should use at most 640 KiB", "has room for 1.5 MiB",
                "needs it converted first");
        Cli j = estimate(project("small-cnn").toString(), "--device", "stm32h7", "--precision", "int8", "--json");
        JsonNode root = new ObjectMapper().readTree(j.out());
        assertThat(root.get("device").asText()).isEqualTo("stm32h7");
        assertThat(root.get("layers").size()).isGreaterThan(5);
        assertThat(root.get("fits").isBoolean()).isTrue();
        assertThat(root.get("latencyMs").asDouble()).isPositive();
    }

    @Test
    void energyIsThePowerDrawTimesTheLatencyInTextAndJson() throws Exception {
        Path file = project("mobilenet-v2");
        JsonNode root = new ObjectMapper().readTree(estimate(file.toString(), "--device", "raspberry-pi-4", "--threads", "4",
                "--json").out());
        // 7.2 W with all four cores busy (HPL at the wall, docs/figures.md) × the estimated milliseconds
        assertThat(root.get("powerW").asDouble()).isCloseTo(7.2, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(root.get("energyMj").asDouble()).isCloseTo(7.2 * root.get("latencyMs").asDouble(),
                org.assertj.core.data.Percentage.withPercentage(1e-9));
        assertThat(root.get("energyProvenance").asText()).isEqualTo("published");
        JsonNode one = new ObjectMapper().readTree(estimate(file.toString(), "--device", "raspberry-pi-4", "--threads", "1",
                "--json").out());
        // one busy core: idle 1.6 W + a quarter of the 5.6 W above it
        assertThat(one.get("powerW").asDouble()).isCloseTo(3.0, org.assertj.core.data.Offset.offset(1e-12));

        Cli text = estimate(file.toString(), "--device", "raspberry-pi-4", "--threads", "4");
        assertThat(text.out()).containsPattern("Energy:      [0-9.]+ mJ per example \\(published: 7.2 W for 4 busy cores: "
                + "7.2 W published with 4 busy cores \\(the whole board at the wall");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("Latency:     ([0-9.]+) ms per example\n"
                + "Energy:      ([0-9.]+) mJ").matcher(text.out());
        assertThat(m.find()).as(text.out()).isTrue();
        assertThat(Double.parseDouble(m.group(2))).isCloseTo(7.2 * Double.parseDouble(m.group(1)),
                org.assertj.core.data.Percentage.withPercentage(0.5));

        Path small = project("small-cnn");
        Cli none = estimate(small.toString(), "--device", "stm32h7", "--precision", "int8");
        assertThat(none.out()).contains("Energy:      not estimated (no run-mode supply current");
        JsonNode noneJson = new ObjectMapper().readTree(estimate(small.toString(), "--device", "stm32h7",
                "--precision", "int8", "--json").out());
        assertThat(noneJson.get("energyMj").isNull()).isTrue();
    }

    @Test
    void unknownDeviceIsAUsageErrorListingCloseIds() {
        Cli r = estimate(project("small-cnn").toString(), "--device", "raspbery-pi-5");
        assertThat(r.code()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err().strip()).startsWith("netloom: unknown device 'raspbery-pi-5'; did you mean raspberry-pi-5")
                .doesNotContain("\n");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void unknownPrecisionAndMissingDeviceAreUsageErrors() {
        Path file = project("small-cnn");
        assertThat(estimate(file.toString(), "--device", "apple-m4", "--precision", "int3").code()).isEqualTo(ExitCode.USAGE);
        Cli none = estimate(file.toString());
        assertThat(none.code()).isEqualTo(ExitCode.USAGE);
        assertThat(none.err()).contains("use --device ID");
    }

    @Test
    void twoBitWeightsWarnThatOnnxRuntimeWidensThem() {
        Cli r = estimate(project("small-cnn").toString(), "--device", "raspberry-pi-5", "--precision", "int2");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("2-bit", "widens 2-bit and 1-bit weights to FP32");
    }
}
