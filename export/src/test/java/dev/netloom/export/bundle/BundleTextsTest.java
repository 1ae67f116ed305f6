package dev.netloom.export.bundle;

import dev.netloom.devices.ExampleFamily;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** README and examples: what they say, and that the Python is Python and the page names its inputs. */
class BundleTextsTest {

    @TempDir
    Path tmp;

    @Test
    void theReadmeSaysWhatHowAndHowWell() {
        BundleContents c = BundleFixtures.picture(ExampleFamily.PYTHON_LINUX);
        String readme = BundleReadme.render(c, List.of("model.onnx", "run_model.py"), "SHA256:0123456789abcdef");
        assertThat(readme).startsWith("# Small CNN for Raspberry Pi 5\n")
                .contains("Requested: **int8**", "int8 for 2 layers", "fp32 for 1 layer", "8.27 bits")
                .contains("`image`: float32, shape N × 3 × 32 × 32 (N is the batch size")
                .contains("colour (RGB) picture, transparent parts over black, resized bilinear to 32 × 32 pixels",
                        "mean [0.485, 0.456, 0.406]")
                .contains("node run_model.mjs picture.png", "npm install --ignore-scripts onnxruntime-node@"
                        + Runtimes.NODE_NEWEST, "node run_model.mjs --batch held-out/")
                .contains("`run_model.mjs` and `index.html` in onnxruntime-node " + Runtimes.NODE_OLDEST
                        + ", onnxruntime-node " + Runtimes.NODE_NEWEST, "`run_model.py` follows the same rules but was "
                        + "not run with ONNX Runtime there", "needs no session option")
                .contains("3 labels (labels.txt, in output order): cat, dog, bird.")
                .contains("differ by at most 0.00310 (allowed: 0.0200): parity passed")
                .contains("Accuracy on the test split (1000 examples): 90.50 % exported, 91.20 %", "0.70 points")
                .contains("about 3.25 ms (4 threads)", "it fits the device's memory")
                .contains("python3 run_model.py picture.jpg", "pip install numpy onnxruntime pillow")
                .contains("netloom verify . --key publisher.pub", "SHA256:0123456789abcdef")
                .doesNotContain("{{");
    }

    @Test
    void aTextModelsReadmeExplainsTokensAndMissingAccuracy() {
        String readme = BundleReadme.render(BundleFixtures.text(ExampleFamily.ANDROID_KOTLIN), List.of(), "SHA256:x");
        assertThat(readme).contains("Text as token ids: lower-cased", "cut to 16 tokens", "vocab.txt")
                .contains("Accuracy was not measured: the artifact has no labelled test split")
                .contains("onnxruntime-android:" + BundleExample.ORT_MOBILE_VERSION, "`labels.txt`, `vocab.txt`")
                .doesNotContain("{{");
    }

    @Test
    void microcontrollersGetConversionAdviceNotAFakeExample() {
        BundleContents c = BundleFixtures.picture(ExampleFamily.MICROCONTROLLER);
        assertThat(BundleExample.render(c)).isEmpty();
        assertThat(BundleReadme.render(c, List.of(), "SHA256:x"))
                .contains("Microcontrollers do not run ONNX files directly", "onnx2c", "TensorFlow Lite Micro", "ESP-DL",
                        "X-CUBE-AI");
    }

    @Test
    void thePythonExampleCompiles() throws Exception {
        for (BundleContents c : List.of(BundleFixtures.picture(ExampleFamily.PYTHON_LINUX),
                BundleFixtures.text(ExampleFamily.PYTHON_LINUX))) {
            Map.Entry<String, String> e = BundleExample.render(c).orElseThrow();
            assertThat(e.getKey()).isEqualTo("run_model.py");
            Path file = Files.writeString(tmp.resolve("run_model.py"), e.getValue());
            Path python = Path.of("/usr/bin/python3");
            Assumptions.assumeTrue(Files.isExecutable(python) || onPath("python3"), "python3 is not installed");
            Process p = new ProcessBuilder(Files.isExecutable(python) ? python.toString() : "python3", "-m", "py_compile",
                    file.toString()).redirectErrorStream(true).start();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String output = new String(p.getInputStream().readAllBytes());
            assertThat(p.exitValue()).as(output).isZero();
        }
    }

    @Test
    void thePythonExampleEncodesTextAndPrintsTopLabels() throws Exception {
        Assumptions.assumeTrue(run(tmp, "python3", "-c", "import numpy").code == 0, "python3 with numpy is not installed");
        Bundle b = new BundleWriter().write(BundleFixtures.text(ExampleFamily.PYTHON_LINUX), tmp.resolve("bundle"),
                SigningKey.generate());
        // A stand-in for onnxruntime (not installed here): it shows the feed and answers fixed logits.
        Path fake = Files.createDirectories(tmp.resolve("fake"));
        Files.writeString(fake.resolve("onnxruntime.py"), String.join("\n",
                "import sys, numpy as np",
                "class SessionOptions:",
                "    intra_op_num_threads = 0",
                "    def add_session_config_entry(self, key, value): pass",
                "class InferenceSession:",
                "    def __init__(self, path, options=None, providers=None):",
                "        assert path.endswith('model.onnx'), path",
                "    def run(self, names, feeds):",
                "        x = feeds['tokens']",
                "        print('FEED', x.dtype, list(x.shape), x.tolist())",
                "        return [np.array([[0.1, 2.0]], dtype=np.float32)]",
                ""));
        Result r = run(fake, "python3", "-B", b.dir().resolve("run_model.py").toString(), "Good movie!");
        assertThat(r.code).as(r.output).isZero();
        assertThat(r.output).contains("FEED int64 [1, 16] [[2, 4, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]]")
                .containsPattern("positive\\s+86\\.99%\\n\\s*negative\\s+13\\.01%");
        Result random = run(fake, "python3", "-B", b.dir().resolve("run_model.py").toString(), "--random");
        assertThat(random.code).as(random.output).isZero();
        assertThat(random.output).contains("FEED int64 [1, 16]");
        Result wrong = run(fake, "python3", "-B", b.dir().resolve("run_model.py").toString());
        assertThat(wrong.code).isEqualTo(2);
        assertThat(wrong.output).contains("this model has 1 input(s): tokens (tokens)");
    }

    @Test
    void thePythonExampleAppliesBytePairMergesLikeNetloomsTokenizer() throws Exception {
        Assumptions.assumeTrue(run(tmp, "python3", "-c", "import numpy").code == 0, "python3 with numpy is not installed");
        BundleContents base = BundleFixtures.text(ExampleFamily.PYTHON_LINUX);
        var pre = BundleFixtures.JSON.createObjectNode();
        pre.put("kind", "tokens");
        pre.put("length", 4);
        pre.put("tokenizer", "bpe");
        pre.putArray("merges").add(BundleFixtures.JSON.createArrayNode().add("l").add("o"))
                .add(BundleFixtures.JSON.createArrayNode().add("lo").add("w</w>"));
        BundleContents bpe = new BundleContents(base.onnx(), base.model(), base.device(), base.runtime(), base.precision(),
                List.of(new Manifest.TensorSpec("tokens", "text", List.of(Manifest.TensorSpec.BATCH, 4L),
                        Manifest.ElementType.INT64, pre)), base.outputs(), base.labels(),
                List.of("[PAD]", "[UNK]", "l", "o", "w</w>", "lo", "low</w>"), base.weightBytes(), base.estimate(),
                base.parity(), base.accuracy(), ExampleFamily.PYTHON_LINUX);
        Bundle b = new BundleWriter().write(bpe, tmp.resolve("bpe"), SigningKey.generate());
        Path fake = Files.createDirectories(tmp.resolve("fake"));
        Files.writeString(fake.resolve("onnxruntime.py"), String.join("\n",
                "import numpy as np",
                "class SessionOptions:",
                "    intra_op_num_threads = 0",
                "    def add_session_config_entry(self, key, value): pass",
                "class InferenceSession:",
                "    def __init__(self, path, options=None, providers=None): pass",
                "    def run(self, names, feeds):",
                "        print('FEED', feeds['tokens'].tolist())",
                "        return [np.array([[0.5, 0.5]], dtype=np.float32)]",
                ""));
        // "low": l o w</w> → lo w</w> → low</w> (id 6); "lo": l, o</w> (not a token: [UNK] = 1)
        Result r = run(fake, "python3", "-B", b.dir().resolve("run_model.py").toString(), "Low lo");
        assertThat(r.code).as(r.output).isZero();
        assertThat(r.output).contains("FEED [[6, 2, 1, 0]]");
    }

    @Test
    void thePagesScriptIsValidJavaScript() throws Exception {
        Assumptions.assumeTrue(run(tmp, "node", "--version").code == 0, "node is not installed");
        String html = BundleExample.render(BundleFixtures.picture(ExampleFamily.BROWSER_HTML)).orElseThrow().getValue();
        int start = html.indexOf(">", html.lastIndexOf("<script")) + 1;
        String script = html.substring(start, html.lastIndexOf("</script>"));
        Path js = Files.writeString(tmp.resolve("page.js"), script);
        Result r = run(tmp, "node", "--check", js.toString());
        assertThat(r.code).as(r.output).isZero();

        // The page's byte-pair encoding, run alone: the same pieces as the Python example's.
        String bpe = script.substring(script.indexOf("function bpeWord"), script.indexOf("\n}\n", script.indexOf("function bpeWord")) + 3);
        Path probe = Files.writeString(tmp.resolve("bpe.js"), bpe + String.join("\n",
                "const merges = [['l', 'o'], ['lo', 'w</w>']];",
                "const index = new Map(['[PAD]', '[UNK]', 'l', 'o', 'w</w>', 'lo', 'low</w>'].map((t, i) => [t, i]));",
                "const ranks = new Map(merges.map((m, i) => [m[0] + ' ' + m[1], i]));",
                "console.log(JSON.stringify([bpeWord('low', index, ranks, merges, '</w>'), bpeWord('lo', index, ranks, merges, '</w>')]));",
                ""));
        Result pieces = run(tmp, "node", probe.toString());
        assertThat(pieces.code).as(pieces.output).isZero();
        assertThat(pieces.output.strip()).isEqualTo("[[\"low</w>\"],[\"l\",\"[UNK]\"]]");
    }

    private record Result(int code, String output) {
    }

    // Runs a program with PYTHONPATH set to dir; code -1 when it cannot be started.
    private static Result run(Path dir, String... command) throws InterruptedException {
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            pb.environment().put("PYTHONPATH", dir.toString());
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, out);
            }
            return new Result(p.exitValue(), out);
        } catch (IOException e) {
            return new Result(-1, e.getMessage());
        }
    }

    @Test
    void namesWithQuotesCannotBreakTheExamples() {
        BundleContents base = BundleFixtures.picture(ExampleFamily.BROWSER_HTML);
        BundleContents c = new BundleContents(base.onnx(), BundleFixtures.model("x\"</script><b>\ny"), base.device(),
                base.runtime(), base.precision(), base.inputs(), base.outputs(), base.labels(), base.vocab(), base.weightBytes(),
                base.estimate(), base.parity(), base.accuracy(), ExampleFamily.BROWSER_HTML);
        String html = BundleExample.render(c).orElseThrow().getValue();
        assertThat(html).doesNotContain("</script><b>").contains("x&quot;&lt;/script&gt;&lt;b&gt; y");
    }

    @Test
    void thePageNamesTheModelAndItsInputs() {
        String html = BundleExample.render(BundleFixtures.text(ExampleFamily.BROWSER_HTML)).orElseThrow().getValue();
        assertThat(html).startsWith("<!DOCTYPE html>").contains("const MODEL_FILE = \"model.onnx\";")
                .contains("const INPUT_NAMES = [\"tokens\"];")
                .contains("\"https://cdn.jsdelivr.net/npm/onnxruntime-web@\" + ORT_VERSION + \"/dist/\"")
                .contains("const ORT_VERSION = \"" + Runtimes.WEB + "\";", "[\"ort/\", ")
                .contains("onnxruntime-web \" + ORT_VERSION + \" is missing: put ort.wasm.min.js, "
                        + "ort-wasm-simd-threaded.wasm, ort-wasm-simd-threaded.mjs in an ort/ folder")
                .contains("window.netloom = {ready, predict")
                .contains("<title>Review sentiment").endsWith("</html>\n").doesNotContain("{{");
        assertThat(count(html, "<script")).isEqualTo(count(html, "</script>"));
    }

    @Test
    void theMobileSnippetsCarryTheInputAsConstants() {
        String kt = BundleExample.render(BundleFixtures.picture(ExampleFamily.ANDROID_KOTLIN)).orElseThrow().getValue();
        assertThat(kt).contains("const val INPUT_NAME = \"image\"", "longArrayOf(1, 3, 32, 32)",
                "floatArrayOf(0.485f, 0.456f, 0.406f)", "OrtSession", "onnxruntime-android:").doesNotContain("{{");
        String swift = BundleExample.render(BundleFixtures.text(ExampleFamily.APPLE_SWIFT)).orElseThrow().getValue();
        assertThat(swift).contains("let inputName = \"tokens\"", "let inputShape: [NSNumber] = [1, 16]", "ORTSession",
                "let outputName = \"logits\"", "let mean: [Float] = []").doesNotContain("{{");
    }

    private static int count(String s, String part) {
        return s.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }

    private static boolean onPath(String exe) {
        String path = System.getenv("PATH");
        return path != null && java.util.Arrays.stream(path.split(java.io.File.pathSeparator))
                .anyMatch(d -> Files.isExecutable(Path.of(d, exe)));
    }
}
