package dev.netloom.export.bundle;

import dev.netloom.devices.ExampleFamily;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** manifest.json: written in a fixed order, read back equal, and every error is one line with a JSON path. */
class ManifestFileTest {

    static Manifest sample() {
        return BundleFixtures.picture(ExampleFamily.PYTHON_LINUX).manifest()
                .withFiles(Map.of("model.onnx", new Manifest.FileEntry(4096, "0f".repeat(32)),
                        "labels.txt", new Manifest.FileEntry(14, "1a".repeat(32))));
    }

    @Test
    void roundTripsAndStartsWithTheFormatVersion() throws ManifestFormatException {
        Manifest m = sample();
        String json = ManifestFile.toJson(m);
        assertThat(json).startsWith("{\n  \"formatVersion\": 2,\n  \"model\": {");
        assertThat(json).contains("\"runtime\": {\n    \"minimumVersion\": \"1.20.1\",");
        assertThat(json).contains("\"shape\": [\n        \"N\",\n        3,");
        assertThat(json).endsWith("}\n");
        Manifest back = ManifestFile.parse(json.getBytes(StandardCharsets.UTF_8), "manifest.json");
        assertThat(back).isEqualTo(m);
        assertThat(ManifestFile.toJson(back)).isEqualTo(json);
    }

    @Test
    void aManifestWrittenByFormatOneStillReads() throws Exception {
        // Kept as written by the first version of this code: later versions must keep reading it.
        byte[] bytes;
        try (var in = getClass().getResourceAsStream("manifest-v1.json")) {
            bytes = in.readAllBytes();
        }
        Manifest m = ManifestFile.parse(bytes, "manifest-v1.json");
        assertThat(m.model().name()).isEqualTo("Small CNN");
        assertThat(m.inputs().get(0).shape()).containsExactly(Manifest.TensorSpec.BATCH, 3L, 32L, 32L);
        assertThat(m.files()).containsOnlyKeys("README.md", "labels.txt", "model.onnx", "run_model.py", "signing-key.pub");
        assertThat(m.accuracy().dropPoints()).isCloseTo(0.7, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(ManifestFile.format(m)).isEqualTo(bytes);
    }

    @Test
    void accuracyNotMeasuredRoundTripsWithItsNote() throws ManifestFormatException {
        Manifest m = BundleFixtures.text(ExampleFamily.PYTHON_LINUX).manifest();
        String json = ManifestFile.toJson(m);
        assertThat(json).contains("\"accuracy\": {\n    \"note\": \"the artifact has no labelled test split\"\n  }");
        assertThat(ManifestFile.parse(json.getBytes(StandardCharsets.UTF_8), "manifest.json")).isEqualTo(m);
    }

    @Test
    void keysOfFilesAreSortedWhateverOrderTheyCameIn() {
        assertThat(sample().files().keySet()).containsExactly("labels.txt", "model.onnx");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/files/model.onnx/sha256|\"xyz\"|manifest.json: $.files[\"model.onnx\"].sha256: expected 64 hex digits",
            "/formatVersion|3|manifest.json: $.formatVersion: this is format 3; this version of netloom reads formats 1 to 2",
            "/runtime/sessionOptions|[]|manifest.json: $.runtime.sessionOptions: expected an object, got a list",
            "/runtime/outputTolerance|-1|manifest.json: $.runtime.outputTolerance: expected a number >= 0, got -1.0",
            "/precision/requested|\"int3\"|manifest.json: $.precision.requested: expected one of fp32, fp16, int8, int8-static, int4, int2, int1, auto, got \"int3\"",
            "/inputs/0/shape/1|-3|manifest.json: $.inputs[0].shape[1]: expected \"N\" (the batch) or a whole number >= 0, got the number -3",
            "/inputs/0/elementType|\"float64\"|manifest.json: $.inputs[0].elementType: expected float32 or int64, got \"float64\"",
            "/estimate/fits|\"yes\"|manifest.json: $.estimate.fits: expected true or false, got text \"yes\"",
            "/model/created|\"yesterday\"|manifest.json: $.model.created: expected a UTC time such as 2026-01-31T12:00:00Z, got \"yesterday\"",
            "/labels/1|\"a\\nb\"|manifest.json: $.labels[1]: expected one non-empty line of text",
            "/accuracy/accuracy|1.5|manifest.json: $.accuracy.accuracy: expected a fraction from 0 to 1, got 1.5",
    })
    void errorsNameTheFileAndTheJsonPath(String pointer, String json, String message) throws Exception {
        ObjectNode root = (ObjectNode) BundleFixtures.JSON.readTree(ManifestFile.toJson(sample()));
        String parentPointer = pointer.substring(0, pointer.lastIndexOf('/'));
        String last = pointer.substring(pointer.lastIndexOf('/') + 1).replace("~1", "/");
        var parent = root.at(parentPointer.replace("model.onnx", "model.onnx"));
        var value = BundleFixtures.JSON.readTree(json);
        if (parent.isArray()) {
            ((com.fasterxml.jackson.databind.node.ArrayNode) parent).set(Integer.parseInt(last), value);
        } else {
            ((ObjectNode) parent).set(last, value);
        }
        byte[] bytes = BundleFixtures.JSON.writeValueAsBytes(root);
        assertThatThrownBy(() -> ManifestFile.parse(bytes, "manifest.json"))
                .isInstanceOf(ManifestFormatException.class).hasMessage(message);
    }

    @Test
    void missingKeysAndFileNamesThatLeaveTheFolderAreRefused() throws Exception {
        ObjectNode root = (ObjectNode) BundleFixtures.JSON.readTree(ManifestFile.toJson(sample()));
        ((ObjectNode) root.get("device")).remove("opset");
        assertThatThrownBy(() -> ManifestFile.parse(BundleFixtures.JSON.writeValueAsBytes(root), "manifest.json"))
                .hasMessage("manifest.json: $.device.opset: missing");
        ((ObjectNode) root.get("device")).put("opset", 21);
        ((ObjectNode) root.get("files")).set("../evil.sh", root.get("files").get("model.onnx"));
        assertThatThrownBy(() -> ManifestFile.parse(BundleFixtures.JSON.writeValueAsBytes(root), "manifest.json"))
                .hasMessage("manifest.json: $.files[\"../evil.sh\"]: not a plain file name (letters, digits, . _ - only, no folders)");
    }

    @Test
    void brokenJsonDuplicateKeysAndOtherTextAreOneLine() {
        assertThatThrownBy(() -> ManifestFile.parse("{\"formatVersion\": 1,".getBytes(StandardCharsets.UTF_8), "manifest.json"))
                .isInstanceOf(ManifestFormatException.class).hasMessageStartingWith("manifest.json: line 1, column ")
                .hasMessageNotContaining("\n");
        assertThatThrownBy(() -> ManifestFile.parse("{\"formatVersion\": 1, \"formatVersion\": 1}".getBytes(StandardCharsets.UTF_8),
                "manifest.json")).hasMessageContaining("Duplicate field 'formatVersion'");
        assertThatThrownBy(() -> ManifestFile.parse(new byte[] {(byte) 0xff, (byte) 0xfe}, "manifest.json"))
                .hasMessage("manifest.json: is not UTF-8 text");
        assertThatThrownBy(() -> ManifestFile.parse(new byte[0], "manifest.json")).hasMessage("manifest.json: is empty");
        assertThatThrownBy(() -> ManifestFile.parse("[]".getBytes(StandardCharsets.UTF_8), "manifest.json"))
                .hasMessage("manifest.json: $: expected an object, got a list");
    }
}
