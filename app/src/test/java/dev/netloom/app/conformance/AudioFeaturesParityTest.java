package dev.netloom.app.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.netloom.train.data.audio.LogMel;
import dev.netloom.train.data.audio.LogMelSettings;
import dev.netloom.train.data.audio.WavFile;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bundle's Python and Node.js examples compute the features training computed: the examples'
 * own code (export's run_model.py and run_model.mjs templates, unchanged; Python's onnxruntime is
 * stubbed, numpy is real; the Node module is imported, which loads no runtime) on WAV clips made
 * here, against the training engine's {@link LogMel} with the same standardisation, within 1e-4 per
 * value. Needs python3 with numpy (Debian python3-numpy) and node.
 */
class AudioFeaturesParityTest {

    @Test
    void thePythonAndNodeExamplesComputeTheTrainingEnginesLogMel(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(works("python3", "-c", "import numpy"), "python3 with numpy is not installed");
        Assumptions.assumeTrue(works("node", "--version"), "node is not installed");
        for (LogMelSettings s : List.of(LogMelSettings.DEFAULTS, new LogMelSettings(16000, 40, 20, 40, 1000),
                new LogMelSettings(8000, 25, 10, 20, 500))) {
            short[] clip = new short[s.clipSamples() * 9 / 10]; // shorter than a clip: padded with zeros
            Random r = new Random(s.mels());
            for (int i = 0; i < clip.length; i++) {
                double tone = 6000 * Math.sin(2 * Math.PI * 440 * i / s.sampleRate()) + 2500 * Math.sin(2 * Math.PI * 3100.5 * i
                        / s.sampleRate());
                clip[i] = (short) Math.max(-32768, Math.min(32767, tone + r.nextGaussian() * 800));
            }
            Path wav = dir.resolve("clip-" + s.sampleRate() + "-" + s.windowMs() + ".wav");
            Files.write(wav, WavFile.encode(s.sampleRate(), clip));
            float mean = -4.25f;
            float std = 3.5f;
            float[] java = new LogMel(s).compute(clip);
            Map<String, Object> pre = new LinkedHashMap<>(s.toMap());
            pre.put("mean", List.of(mean));
            pre.put("std", List.of(std));
            Map<String, float[]> examples = Map.of("python", pythonFeatures(dir, pre, wav, s), "node",
                    nodeFeatures(dir, pre, wav, s));
            examples.forEach((example, values) -> {
                assertThat(values).as(example).hasSameSizeAs(java);
                for (int i = 0; i < java.length; i++) {
                    float expected = (java[i] - mean) / std;
                    assertThat((double) Math.abs(values[i] - expected)).as("%s, %s: value %d (%s, java %s)", example, s, i,
                            values[i], expected).isLessThanOrEqualTo(1e-4);
                }
            });
        }
    }

    private static float[] nodeFeatures(Path dir, Map<String, Object> pre, Path wav, LogMelSettings s) throws Exception {
        Path module = Files.writeString(dir.resolve("run_model.mjs"), template("run_model.mjs.tmpl"));
        Path preFile = dir.resolve("pre.json");
        new ObjectMapper().writeValue(preFile.toFile(), pre);
        String driver = String.join("\n",
                // The module runs its command line only when it is argv[1]; here argv[1] is the preprocessing.
                "const [preFile, module, wav] = process.argv.slice(1);",
                "const example = await import(require('node:url').pathToFileURL(module));",
                "const fs = require('node:fs');",
                "const pre = JSON.parse(fs.readFileSync(preFile, 'utf8'));",
                "if (example.kindOf({ preprocessing: pre, shape: [] }) !== 'audio') throw new Error('not audio');",
                "const { samples } = example.decodeWav(fs.readFileSync(wav), wav);",
                "const x = example.logMelValues(pre, [1, 1, pre.mels, pre.frames], samples);",
                "console.log(JSON.stringify(Array.from(x)));");
        return run(new ProcessBuilder("node", "--input-type=commonjs", "-e", "(async () => {" + driver + "})()",
                preFile.toString(), module.toString(), wav.toString()));
    }

    private static String template(String name) throws Exception {
        try (InputStream in = LogMel.class.getClassLoader().getResourceAsStream("dev/netloom/export/bundle/templates/" + name)) {
            assertThat(in).as("export's " + name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static float[] run(ProcessBuilder command) throws Exception {
        Process p = command.redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        JsonNode values = new ObjectMapper().readTree(out);
        float[] result = new float[values.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = (float) values.get(i).asDouble();
        }
        return result;
    }

    private static float[] pythonFeatures(Path dir, Map<String, Object> pre, Path wav, LogMelSettings s) throws Exception {
        Path script = Files.writeString(dir.resolve("run_model.py"), template("run_model.py.tmpl"));
        ObjectMapper json = new ObjectMapper();
        Map<String, Object> spec = Map.of("name", "audio", "elementType", "float32",
                "shape", List.of("N", 1, s.mels(), s.frames()), "preprocessing", pre);
        Path specFile = dir.resolve("spec.json");
        json.writeValue(specFile.toFile(), spec);
        String driver = String.join("\n",
                "import json, sys, types",
                "sys.modules['onnxruntime'] = types.ModuleType('onnxruntime')",
                "example = {'__name__': 'run_model', '__file__': sys.argv[1]}",
                "exec(compile(open(sys.argv[1], encoding='utf-8').read(), sys.argv[1], 'exec'), example)",
                "spec = json.load(open(sys.argv[2], encoding='utf-8'))",
                "x = example['audio'](spec, sys.argv[3])",
                "assert example['kind_of'](spec) == 'audio'",
                "print(json.dumps([float(v) for v in x.reshape(-1)]))");
        return run(new ProcessBuilder("python3", "-c", driver, script.toString(), specFile.toString(), wav.toString()));
    }

    private static boolean works(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
