package dev.netloom.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code netloom profiles}: the catalog grouped, as JSON, with user files, and --calibrate. */
class ProfilesCommandTest {

    @TempDir
    Path dir;

    @Test
    void listsEveryDeviceGroupedWithBudgetsRuntimeAndOpset() {
        Cli r = Cli.run("profiles", "--devices-dir", dir.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("GROUP", "ID", "RAM BUDGET", "OPSET", "This computer", "Phone", "Single-board computer",
                "Watch", "Microcontroller", "Browser", "Laptop / desktop");
        assertThat(r.out()).containsPattern("Single-board computer\\s+raspberry-pi-4\\s+Raspberry Pi 4 Model B\\s+4 × 1.8 GHz\\s+768 MiB\\s+2.0 GiB\\s+7.2 W\\s+fp32,fp16,int8,int4,int2,int1\\s+ONNX Runtime\\s+21");
        assertThat(r.out()).containsPattern("esp32-s3 .*fp32,int8\\s+ESP-DL \\(or TFLite Micro\\)\\s+17");
        assertThat(r.out()).contains("This computer (not calibrated yet)");
        assertThat(r.out()).containsPattern("snapdragon-8-gen-3 .* 6.27 W / 1 core\\s+fp32");
        assertThat(r.out().indexOf("This computer")).isLessThan(r.out().indexOf("Phone"));
        assertThat(r.err()).isEmpty();
    }

    @Test
    void jsonCarriesEveryFigureWithItsSource() throws Exception {
        Cli r = Cli.run("profiles", "--json", "--devices-dir", dir.toString());
        assertThat(r.code()).isZero();
        JsonNode all = new ObjectMapper().readTree(r.out());
        assertThat(all).hasSize(16);
        JsonNode pi5 = null;
        for (JsonNode n : all) {
            if (n.get("id").asText().equals("raspberry-pi-5")) {
                pi5 = n;
            }
        }
        assertThat(pi5.get("group").asText()).isEqualTo("single-board-computer");
        assertThat(pi5.at("/bandwidthGBps/provenance").asText()).isEqualTo("derived");
        assertThat(pi5.at("/clockGHz/source").asText()).contains("docs/figures.md");
        assertThat(pi5.get("onnxOpset").asInt()).isEqualTo(21);
        assertThat(pi5.at("/power/activeW/value").asDouble()).isEqualTo(11.0);
        assertThat(pi5.at("/power/activeW/source").asText()).contains("top500-benchmark issue #18");
    }

    @Test
    void aBadUserProfileIsSkippedWithOneLineNamingFileAndPath() throws Exception {
        Files.writeString(dir.resolve("my-phone.json"), "{\"formatVersion\": 1, \"id\": \"my-phone\", \"memory\": {\"bandwidthGBps\": \"fast\"}}");
        Cli r = Cli.run("profiles", "--devices-dir", dir.toString());
        assertThat(r.code()).isZero();
        assertThat(r.err().strip()).startsWith("netloom: skipped a device profile: my-phone.json: $.").doesNotContain("\n");
    }

    @Test
    void calibrateMeasuresThisComputerAndTheListShowsIt() throws Exception {
        Cli r = Cli.run("profiles", "--calibrate", "--threads", "1", "--devices-dir", dir.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Calibrated this computer with 1 thread; wrote " + dir.resolve("this-computer.json"));
        assertThat(r.out()).containsPattern("This computer \\(.+\\): FP32 [0-9.]+ GFLOP/s per thread.* GB/s, [0-9.]+ µs per operator");
        Cli list = Cli.run("profiles", "--devices-dir", dir.toString());
        assertThat(list.out()).doesNotContain("not calibrated yet");
        assertThat(Files.readString(dir.resolve("this-computer.json"))).contains("\"provenance\" : \"measured\"", "measured on ",
                "power draw is not measured");
    }
}
