package dev.netloom.devices;

import dev.netloom.graph.Precision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shipped catalog, user profiles, and one-line errors for bad files. */
class DeviceCatalogTest {

    @TempDir
    Path dir;

    private final DeviceCatalog catalog = DeviceCatalog.standard();

    static String shipped(String id) {
        try (InputStream in = DeviceCatalogTest.class.getClassLoader()
                .getResourceAsStream("dev/netloom/devices/profiles/" + id + ".json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void shipsEveryDeviceOfTheBriefGroupedForThePicker() {
        assertThat(catalog.all()).extracting(DeviceProfile::id).containsExactlyInAnyOrder(
                "raspberry-pi-4", "raspberry-pi-5", "jetson-orin-nano", "snapdragon-8-gen-3", "google-tensor-g3",
                "apple-a17-pro", "apple-m4", "mediatek-dimensity-9300", "samsung-exynos-2400",
                "wear-os-snapdragon-w5", "esp32-s3", "stm32h7", "browser-wasm", "this-computer",
                "raspberry-pi-zero-2-w", "snapdragon-x-elite");
        assertThat(catalog.all()).as("the roadmap's 15+ platforms").hasSizeGreaterThanOrEqualTo(16);
        assertThat(catalog.find("snapdragon-x-elite").orElseThrow().group()).isEqualTo(DeviceGroup.LAPTOP_DESKTOP);
        assertThat(catalog.find("raspberry-pi-zero-2-w").orElseThrow().group()).isEqualTo(DeviceGroup.SINGLE_BOARD_COMPUTER);
        assertThat(catalog.all()).isSortedAccordingTo(java.util.Comparator.comparing(DeviceProfile::group));
        assertThat(catalog.find("google-tensor-g3").orElseThrow().group()).isEqualTo(DeviceGroup.PHONE);
        assertThat(catalog.find("wear-os-snapdragon-w5").orElseThrow().group()).isEqualTo(DeviceGroup.WATCH);
        assertThat(catalog.find("apple-m4").orElseThrow().group()).isEqualTo(DeviceGroup.LAPTOP_DESKTOP);
        assertThat(catalog.find("stm32h7").orElseThrow().exampleFamily()).isEqualTo(ExampleFamily.MICROCONTROLLER);
        assertThat(catalog.find("nope")).isEmpty();
    }

    @Test
    void everyFigureSaysWhereItComesFrom() {
        for (DeviceProfile d : catalog.all()) {
            assertThat(d.compute().peakPerCore().values()).allSatisfy(f -> assertThat(f.source()).isNotBlank());
            assertThat(d.memory().bandwidthGBps().source()).isNotBlank();
            assertThat(d.compute().efficiency().source()).as(d.id()).isNotBlank();
            assertThat(d.preferredRuntime().opsetReason()).isNotBlank();
            assertThat(d.onnxOpset()).isIn(17, 21);
            assertThat(d.modelRamBytes()).isPositive();
            assertThat(d.modelStorageBytes()).isPositive();
            assertThat(d.precisions()).contains(Precision.FP32);
        }
    }

    /** Profiles whose power draw no source we read gives; each says so in its power scope. */
    static final java.util.Set<String> WITHOUT_POWER = java.util.Set.of(DeviceCatalog.THIS_COMPUTER, "google-tensor-g3", "stm32h7");

    @Test
    void everyProfileSaysWhatItDrawsWithASourceOrWhyNot() throws IOException {
        String figures = Files.readString(Path.of("..", "docs", "figures.md"));
        for (DeviceProfile d : catalog.all()) {
            PowerDraw p = d.power();
            assertThat(p.scope()).as(d.id()).isNotBlank();
            if (WITHOUT_POWER.contains(d.id())) {
                assertThat(p.known()).as(d.id() + " has no power figure").isFalse();
                assertThat(p.scope()).as(d.id()).containsAnyOf("not measured", "not estimated");
                continue;
            }
            Figure active = p.activeW().orElseThrow(() -> new AssertionError(d.id() + " has no active power figure"));
            assertThat(active.value()).as(d.id()).isPositive();
            assertThat(active.source()).as(d.id()).isNotBlank().contains("docs/figures.md");
            p.idleW().ifPresent(idle -> assertThat(idle.value()).as(d.id()).isLessThanOrEqualTo(active.value()));
            // the power table in docs/figures.md lists every profile with a figure, by id
            assertThat(figures).as("docs/figures.md lists the power of " + d.id()).contains("| `" + d.id() + "` |");
        }
    }

    @Test
    void microcontrollersSayTheBundleIsConvertedAndTheRuntimeIsNotOnnxRuntime() {
        DeviceProfile esp = catalog.find("esp32-s3").orElseThrow();
        assertThat(esp.preferredRuntime().runsOnnxDirectly()).isFalse();
        assertThat(esp.preferredRuntime().name()).doesNotContain("ONNX Runtime");
        assertThat(esp.onnxOpset()).isEqualTo(17);
        assertThat(esp.precisions()).containsExactlyInAnyOrder(Precision.FP32, Precision.INT8);
    }

    @Test
    void thisComputerSaysItIsNotCalibratedUntilAMeasuredFileReplacesIt() throws IOException {
        DeviceProfile placeholder = catalog.find(DeviceCatalog.THIS_COMPUTER).orElseThrow();
        assertThat(placeholder.calibrated()).isFalse();
        assertThat(placeholder.name()).contains("not calibrated yet");

        String measured = shipped("this-computer").replace("\"calibrated\": false", "\"calibrated\": true")
                .replace("This computer (not calibrated yet)", "This computer (Test CPU)");
        Files.writeString(dir.resolve("this-computer.json"), measured);
        DeviceProfile replaced = catalog.withUserProfiles(dir).find(DeviceCatalog.THIS_COMPUTER).orElseThrow();
        assertThat(replaced.calibrated()).isTrue();
        assertThat(replaced.origin()).endsWith("this-computer.json");
    }

    @Test
    void userProfilesAreAddedAndBadOnesReportedOneLineEach() throws IOException {
        Files.writeString(dir.resolve("my-pi.json"), shipped("raspberry-pi-4").replace("\"raspberry-pi-4\"", "\"my-pi\""));
        Files.writeString(dir.resolve("my-phone.json"), shipped("google-tensor-g3")
                .replaceFirst("\"bandwidthGBps\": \\{[^}]*}", "\"bandwidthGBps\": \"fast\""));
        Files.writeString(dir.resolve("notes.txt"), "not a profile");
        DeviceCatalog withUser = catalog.withUserProfiles(dir);
        assertThat(withUser.find("my-pi")).isPresent();
        assertThat(withUser.all()).hasSize(catalog.all().size() + 1);
        assertThat(withUser.problems()).containsExactly("my-phone.json: $.memory.bandwidthGBps: expected a positive "
                + "number as {\"value\": …, \"provenance\": …, \"source\": …}, got \"fast\"");
        assertThat(catalog.withUserProfiles(dir.resolve("missing")).problems()).isEmpty();
    }

    @Test
    void aValueOutOfRangeIsNamedByItsPath() {
        String bad = shipped("raspberry-pi-5").replaceFirst("\"value\": 17\\.0|\"value\": 8\\.5", "\"value\": -3");
        assertThatThrownBy(() -> DeviceCatalog.parse(bad, "pi.json"))
                .isInstanceOf(ProfileFormatException.class)
                .hasMessage("pi.json: $.memory.bandwidthGBps.value: expected a positive number, got -3");
        assertThatThrownBy(() -> DeviceCatalog.parse("{\"formatVersion\": 1,", "cut.json"))
                .isInstanceOf(ProfileFormatException.class).hasMessageStartingWith("cut.json: not valid JSON at line 1");
        assertThatThrownBy(() -> DeviceCatalog.parse(shipped("stm32h7").replace("\"group\": \"microcontroller\"",
                "\"group\": \"toaster\""), "t.json")).hasMessageStartingWith("t.json: $.group: expected one of \"this-computer\"");
    }

    @Test
    void closeIdsHelpWithTypos() {
        assertThat(catalog.closeIds("raspbery-pi-5")).first().isEqualTo("raspberry-pi-5");
        assertThat(catalog.closeIds("jetson")).contains("jetson-orin-nano");
    }
}
