package dev.netloom.export.bundle;

import dev.netloom.devices.ExampleFamily;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.netloom.graph.Precision;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Bundle contents for tests: a picture classifier and a text classifier, with made-up model bytes. */
final class BundleFixtures {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Instant CREATED = Instant.parse("2026-01-31T12:00:00Z");

    private BundleFixtures() {
    }

    static BundleContents picture(ExampleFamily family) {
        ObjectNode pre = JSON.createObjectNode();
        pre.put("kind", "image");
        pre.put("channels", 3);
        pre.put("height", 32);
        pre.put("width", 32);
        pre.putArray("mean").add(0.485).add(0.456).add(0.406);
        pre.putArray("std").add(0.229).add(0.224).add(0.225);
        return new BundleContents(onnx("picture"), model("Small CNN"), device(), runtime(),
                new Manifest.PrecisionPlan("int8", Map.of("conv1", Precision.INT8, "conv2", Precision.INT8,
                        "head", Precision.FP32), 8.27),
                List.of(new Manifest.TensorSpec("image", "input", List.of(Manifest.TensorSpec.BATCH, 3L, 32L, 32L),
                        Manifest.ElementType.FLOAT32, pre)),
                List.of(new Manifest.TensorSpec("scores", "head", List.of(Manifest.TensorSpec.BATCH, 3L),
                        Manifest.ElementType.FLOAT32, null)),
                List.of("cat", "dog", "bird"), List.of(), 3_500,
                new Manifest.Estimate(3.25, 1_200_000, 30_000, 4, true),
                new Manifest.Parity(64, 0.0031, 0.02, true),
                Manifest.Accuracy.measured("test", 1000, 0.912, 0.905), family);
    }

    static BundleContents text(ExampleFamily family) {
        ObjectNode pre = JSON.createObjectNode();
        pre.put("kind", "tokens");
        pre.put("length", 16);
        pre.put("tokenizer", "word");
        pre.put("lowercase", true);
        return new BundleContents(onnx("text"), model("Review sentiment"), device(), runtime(),
                new Manifest.PrecisionPlan("fp16", Map.of("embed", Precision.FP16, "head", Precision.FP16), 16),
                List.of(new Manifest.TensorSpec("tokens", "text", List.of(Manifest.TensorSpec.BATCH, 16L),
                        Manifest.ElementType.INT64, pre)),
                List.of(new Manifest.TensorSpec("logits", "head", List.of(Manifest.TensorSpec.BATCH, 2L),
                        Manifest.ElementType.FLOAT32, null)),
                List.of("negative", "positive"), List.of("[PAD]", "[UNK]", "good", "bad", "movie", "."), 9_000,
                new Manifest.Estimate(0.8, 300_000, 12_000, 1, true),
                new Manifest.Parity(32, 0.0002, 0.01, true),
                Manifest.Accuracy.notMeasured("the artifact has no labelled test split"), family);
    }

    static Manifest.Model model(String name) {
        return new Manifest.Model(name, "3", "runs/2026-01-31/artifact", "ab".repeat(32), CREATED, "0.1.0-test");
    }

    static Manifest.Runtime runtime() {
        return new Manifest.Runtime(Runtimes.OLDEST_SUPPORTED, "ONNX Runtime (Java) 1.23.2", Runtimes.conformanceTested(),
                Map.of(), 1e-4);
    }

    static Manifest.Device device() {
        return new Manifest.Device("raspberry-pi-5", "Raspberry Pi 5", "single-board", "onnxruntime 1.23", 21);
    }

    // Not a real ONNX model: bundles treat the model as bytes, and these tests are about bundles.
    static byte[] onnx(String seed) {
        byte[] b = new byte[4096];
        byte[] s = seed.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (i * 31 + s[i % s.length]);
        }
        return b;
    }
}
