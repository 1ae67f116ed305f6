package dev.netloom.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.netloom.export.bundle.Runtimes;
import dev.netloom.graph.artifact.Safetensors;
import dev.netloom.graph.artifact.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * netloom export and netloom verify, end to end: a small image+text model trained on Shapes QA,
 * exported at every precision, checked, tampered with.
 */
class ExportCommandTest {

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    private static Path model;

    @BeforeAll
    static void train() {
        Path project = shared.resolve("qa.netloom");
        assertThat(Cli.run("new", "--template", "image-text-qa", project.toString()).code()).isZero();
        model = shared.resolve("model");
        Cli train = Cli.run("train", project.toString(), "--data", "{\"source\": \"shapes-qa\", \"examples\": 300}",
                "--epochs", "1", "--out", model.toString());
        assertThat(train.code()).as(train.err()).isZero();
    }

    private Cli export(Path artifact, String device, String precision, Path out, String... more) {
        String[] args = Stream.concat(Stream.of("export", artifact.toString(), "--device", device, "--precision",
                        precision, "--out", out.toString(), "--signing-key-dir", shared.resolve("keys").toString(),
                        "--devices-dir", shared.resolve("devices").toString()), Stream.of(more))
                .toArray(String[]::new);
        return Cli.run(args);
    }

    @Test
    void precisionsPrintsTheExportViewsTableWithMeasuredAccuracy() {
        Cli r = Cli.run("precisions", model.toString(), "--device", "raspberry-pi-5", "--accuracy", "--devices-dir",
                shared.resolve("devices").toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("on Raspberry Pi 5", "PRECISION", "STORAGE BUDGET", "RAM BUDGET", "ACCURACY");
        assertThat(r.out()).contains("DROP", "FITS", "KEEPS ACCURACY", "at most 1.00 points below FP32");
        java.util.regex.Matcher fp32Row = java.util.regex.Pattern.compile("(?m)^FP32 .* (\\d+\\.\\d\\d)% +- +yes +reference$")
                .matcher(r.out());
        assertThat(fp32Row.find()).as(r.out()).isTrue();
        double fp32 = Double.parseDouble(fp32Row.group(1));
        for (String p : new String[] {"FP16", "INT8", "INT8 static", "INT4", "2-bit", "1-bit"}) {
            java.util.regex.Matcher row = java.util.regex.Pattern.compile("(?m)^" + p + " .* (\\d+\\.\\d\\d)% +(-?\\d+\\.\\d\\d) +yes +(yes|NO)$")
                    .matcher(r.out());
            assertThat(row.find()).as(p + " in\n" + r.out()).isTrue();
            double drop = Double.parseDouble(row.group(2));
            assertThat(drop).as(p).isCloseTo(fp32 - Double.parseDouble(row.group(1)), org.assertj.core.data.Offset.offset(0.011));
            // the second mark follows the drop, not the fit
            assertThat(row.group(3)).as(p).isEqualTo(drop <= 1.0 ? "yes" : "NO");
        }
        Cli lenient = Cli.run("precisions", model.toString(), "--device", "raspberry-pi-5", "--max-drop", "100",
                "--devices-dir", shared.resolve("devices").toString());
        assertThat(lenient.code()).as(lenient.err()).isZero();
        assertThat(lenient.out()).containsPattern("(?m)^INT8 .* - +yes +not checked$")
                .contains("not checked without --accuracy");
        Cli unknown = Cli.run("precisions", model.toString(), "--device", "raspbery-pi-5");
        assertThat(unknown.code()).isEqualTo(ExitCode.USAGE);
        assertThat(unknown.err()).contains("raspberry-pi-5");
    }

    @ParameterizedTest
    @ValueSource(strings = {"fp32", "fp16", "int8", "int4", "int2", "int1"})
    void everyPrecisionWritesABundleThatVerifies(String precision) throws IOException {
        Path out = dir.resolve("bundle-" + precision);
        Cli r = export(model, "raspberry-pi-5", precision, out);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("PASSED", "Accuracy:", "Raspberry Pi 5", "Bundle written to");
        assertThat(out.resolve("model.onnx")).isRegularFile();
        assertThat(out.resolve("vocab.txt")).isRegularFile();
        assertThat(out.resolve("run_model.py")).isRegularFile();
        assertThat(dir.resolve("bundle-" + precision + ".zip")).isRegularFile();
        JsonNode manifest = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
        assertThat(manifest.path("precision").path("requested").asText()).isEqualTo(precision);
        assertThat(manifest.path("parity").path("passed").asBoolean()).isTrue();
        assertThat(manifest.path("parity").path("maxAbsDiff").asDouble()).isLessThanOrEqualTo(1e-4);
        assertThat(manifest.path("accuracy").path("split").asText()).isEqualTo("test");
        assertThat(manifest.path("inputs")).hasSize(2);
        double bits = manifest.path("precision").path("bitsPerWeight").asDouble();
        double limit = switch (precision) {
            case "fp32" -> 32;
            case "fp16" -> 16;
            case "int8" -> 8.2;
            case "int4" -> 4.6;
            case "int2" -> 2.2;
            default -> 1.2;
        };
        assertThat(bits).isLessThanOrEqualTo(limit).isGreaterThan(limit / 2);
        // Which runtimes it is for, and no session option needed.
        assertThat(manifest.path("runtime").path("minimumVersion").asText()).isEqualTo(Runtimes.OLDEST_SUPPORTED);
        assertThat(manifest.path("runtime").path("verifiedAtExport").asText()).startsWith("ONNX Runtime (Java) 1.");
        assertThat(manifest.path("runtime").path("sessionOptions").size()).isZero();
        assertThat(manifest.path("runtime").path("outputTolerance").asDouble())
                .isEqualTo(precision.equals("int8") ? 1e-2 : 1e-4);
        // Provenance inside the model file itself.
        ai.onnx.proto.OnnxMl.ModelProto onnx = ai.onnx.proto.OnnxMl.ModelProto.parseFrom(Files.readAllBytes(out.resolve("model.onnx")));
        Map<String, String> metadata = new java.util.HashMap<>();
        onnx.getMetadataPropsList().forEach(e -> metadata.put(e.getKey(), e.getValue()));
        assertThat(metadata).containsEntry("netloom.graph_sha256", manifest.path("model").path("graphSha256").asText())
                .containsKeys("netloom.version", "netloom.dataset_fingerprint", "netloom.training_seed", "netloom.precision_plan");
        assertThat(metadata.get("netloom.precision_plan")).contains("=" + precision);
        // netloom export records the bundle in the workspace, as the export view does.
        try (var workspace = dev.netloom.app.workspace.Workspace.open(dev.netloom.app.TestHome.PATH)) {
            assertThat(workspace.runs().bundles(model)).anySatisfy(b -> {
                assertThat(b.bundle()).isEqualTo(dev.netloom.app.workspace.RunLog.key(out));
                assertThat(b.device()).isEqualTo("raspberry-pi-5");
                assertThat(b.precision()).isEqualTo(precision);
                assertThat(b.bytes()).isPositive();
            });
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }

        // Signed with a key outside the test home, so it is named as the one to trust.
        String signer = shared.resolve("keys").resolve("bundle-signing.pub").toString();
        Cli folder = Cli.run("verify", out.toString(), "--key", signer);
        assertThat(folder.code()).as(folder.err()).isZero();
        Cli zip = Cli.run("verify", dir.resolve("bundle-" + precision + ".zip").toString(), "--key", signer);
        assertThat(zip.code()).as(zip.err()).isZero();
    }

    @Test
    void aChangedModelIsCaughtByVerify() throws IOException {
        Path out = dir.resolve("b");
        assertThat(export(model, "raspberry-pi-4", "int8", out).code()).isZero();
        byte[] onnx = Files.readAllBytes(out.resolve("model.onnx"));
        onnx[onnx.length / 2] ^= 1;
        Files.write(out.resolve("model.onnx"), onnx);
        Cli r = Cli.run("verify", out.toString());
        assertThat(r.code()).isEqualTo(ExitCode.INVALID);
        assertThat(r.err()).contains("model.onnx");
    }

    @Test
    void autoKeepsTheDropWithinTheLimitOnValidationAndRecordsTheTestScore() throws IOException {
        Path out = dir.resolve("auto");
        Cli r = export(model, "raspberry-pi-5", "auto", out, "--max-drop", "2");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Sensitivity", "Precision per layer:", "start: each layer");
        JsonNode manifest = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
        assertThat(manifest.path("precision").path("requested").asText()).isEqualTo("auto");
        assertThat(manifest.path("precision").path("perLayer").size()).isPositive();
        assertThat(manifest.path("accuracy").path("dropPoints").isNumber()).isTrue();
    }

    /** A microcontroller wants static INT8: auto calibrates the plan's INT8 layers and writes them as QDQ. */
    @Test
    void autoForAMicrocontrollerWritesItsInt8LayersAsStaticInt8() throws IOException {
        Path out = dir.resolve("auto-mcu");
        Cli r = export(model, "stm32h7", "auto", out, "--max-drop", "100", "--calibration", "entropy");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("wants static INT8", "(entropy)", "static INT8 kept: validation drop");
        ai.onnx.proto.OnnxMl.ModelProto onnx = ai.onnx.proto.OnnxMl.ModelProto.parseFrom(Files.readAllBytes(out.resolve("model.onnx")));
        assertThat(onnx.getGraph().getNodeList()).extracting(n -> n.getOpType()).contains("QuantizeLinear", "DequantizeLinear");
        // The same request on a Raspberry Pi 5 (a CPU with ONNX Runtime) keeps dynamic INT8: no calibration.
        Cli pi = export(model, "raspberry-pi-5", "auto", dir.resolve("auto-pi"), "--max-drop", "100");
        assertThat(pi.code()).as(pi.err()).isZero();
        assertThat(pi.out()).doesNotContain("wants static INT8");
    }

    @Test
    void autoWithoutALimitFindsTheMostAccurateModelThatFitsTheDevice() throws IOException {
        // A made-up board: a Raspberry Pi 5 whose models may take only 150 KB of storage. The QA model
        // needs about 370 KB at FP32, so auto must lower layers until it fits.
        Path devices = shared.resolve("small-devices");
        Files.createDirectories(devices);
        ObjectMapper json = new ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode profile = (com.fasterxml.jackson.databind.node.ObjectNode)
                json.readTree(getClass().getResourceAsStream("/dev/netloom/devices/profiles/raspberry-pi-5.json"));
        profile.put("id", "tiny-board");
        profile.put("name", "Tiny board");
        ((com.fasterxml.jackson.databind.node.ObjectNode) profile.path("memory").path("modelStorageBytes"))
                .put("value", 150_000).put("source", "a test budget");
        Files.writeString(devices.resolve("tiny-board.json"), json.writeValueAsString(profile));
        Path out = dir.resolve("fits");
        Cli r = Cli.run("export", model.toString(), "--device", "tiny-board", "--precision", "auto", "--out", out.toString(),
                "--signing-key-dir", shared.resolve("keys").toString(), "--devices-dir", devices.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("lower ", "FITS").doesNotContain("DOES NOT FIT")
                .contains("auto without --max-drop: choosing the most accurate plan that fits Tiny board");
        JsonNode manifest = json.readTree(out.resolve("manifest.json").toFile());
        assertThat(manifest.path("estimate").path("storageBytes").asLong()).isLessThanOrEqualTo(150_000);
        assertThat(manifest.path("estimate").path("fits").asBoolean()).isTrue();
    }

    /**
     * --fine-tune-epochs: auto on a board so small that the plan must go to 2-bit or below loses
     * more than a point, so the model is trained one epoch for that plan and exported again beside.
     */
    @Test
    void autoFineTunesAPlanThatLosesTooMuch() throws IOException {
        Path devices = shared.resolve("smaller-devices");
        Files.createDirectories(devices);
        ObjectMapper json = new ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode profile = (com.fasterxml.jackson.databind.node.ObjectNode)
                json.readTree(getClass().getResourceAsStream("/dev/netloom/devices/profiles/raspberry-pi-5.json"));
        profile.put("id", "speck");
        profile.put("name", "Speck");
        ((com.fasterxml.jackson.databind.node.ObjectNode) profile.path("memory").path("modelStorageBytes"))
                .put("value", 30_000).put("source", "a test budget");
        Files.writeString(devices.resolve("speck.json"), json.writeValueAsString(profile));
        Path out = dir.resolve("speck");
        Cli r = Cli.run("export", model.toString(), "--device", "speck", "--precision", "auto", "--fine-tune-epochs", "1",
                "--out", out.toString(), "--signing-key-dir", shared.resolve("keys").toString(), "--devices-dir",
                devices.toString());
        assertThat(r.code()).as(r.err() + r.out()).isZero();
        java.util.regex.Matcher first = java.util.regex.Pattern.compile("drop (\\d+\\.\\d\\d) points\\)").matcher(r.out());
        assertThat(first.find()).as(r.out()).isTrue();
        assertThat(Double.parseDouble(first.group(1))).as("the low-bit plan loses more than a point").isGreaterThan(1.0);
        assertThat(r.out()).contains("Fine-tuning for {\"precision\":", "epoch 1: validation accuracy",
                "Fine-tune: 1 epoch of quantization-aware training");
        Path tuned = dir.resolve("speck-fine-tuned-model");
        assertThat(json.readTree(tuned.resolve("graph.json").toFile()).path("quantization").isObject()).isTrue();
        assertThat(dir.resolve("speck-fine-tuned").resolve("manifest.json")).isRegularFile();
        assertThat(out.resolve("manifest.json")).as("the first bundle is kept").isRegularFile();

        Cli refused = export(model, "raspberry-pi-5", "int8", dir.resolve("x"), "--fine-tune-epochs", "2");
        assertThat(refused.code()).isEqualTo(ExitCode.USAGE);
        assertThat(refused.err()).contains("--fine-tune-epochs goes with --precision auto");
    }

    @Test
    void aPrecisionTheDeviceDoesNotTakeIsRefused() {
        Path out = dir.resolve("mcu");
        Cli r = export(model, "esp32-s3", "int4", out);
        assertThat(r.code()).isEqualTo(ExitCode.INVALID);
        assertThat(r.err()).contains("esp32-s3 does not take INT4 weights; it takes FP32, INT8");
        assertThat(out).doesNotExist();
    }

    @Test
    void anUnknownDeviceIsAUsageErrorWithSuggestions() {
        Cli r = export(model, "raspbery-pi-5", "fp32", dir.resolve("x"));
        assertThat(r.code()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("unknown device 'raspbery-pi-5'", "raspberry-pi-5");
    }

    @Test
    void weightsThatDoNotReproduceTheProbeStopTheExportAndWriteNothing() throws IOException {
        Path tampered = copy(model, dir.resolve("tampered"));
        Map<String, Tensor> weights = new LinkedHashMap<>(Safetensors.readTensors(tampered.resolve("weights.safetensors")));
        String name = weights.keySet().stream().filter(n -> n.endsWith(".bias")).findFirst().orElseThrow();
        float[] bias = weights.get(name).floats().clone();
        bias[0] += 0.5f;
        weights.put(name, Tensor.of(bias, weights.get(name).shape()));
        Safetensors.write(tampered.resolve("weights.safetensors"), weights, Map.of());
        Path out = dir.resolve("never");
        Cli r = export(tampered, "raspberry-pi-5", "fp32", out);
        assertThat(r.code()).isEqualTo(ExitCode.INVALID);
        assertThat(r.err()).contains("does not reproduce the trained model", "no bundle was written");
        assertThat(out).doesNotExist();
        assertThat(dir.resolve("never.zip")).doesNotExist();
    }

    @Test
    void aMissingTensorIsNamed() throws IOException {
        Path broken = copy(model, dir.resolve("broken"));
        Map<String, Tensor> weights = new LinkedHashMap<>(Safetensors.readTensors(broken.resolve("weights.safetensors")));
        String name = weights.keySet().iterator().next();
        weights.remove(name);
        Safetensors.write(broken.resolve("weights.safetensors"), weights, Map.of());
        Cli r = export(broken, "raspberry-pi-5", "fp32", dir.resolve("never"));
        assertThat(r.code()).isEqualTo(ExitCode.INVALID);
        assertThat(r.err()).contains("weights.safetensors: no tensor " + name);
    }

    private static Path copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
        return to;
    }
}
