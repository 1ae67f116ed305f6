package dev.netloom.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.netloom.graph.Graph;
import dev.netloom.graph.catalog.LayerCatalog;
import dev.netloom.graph.project.Project;
import dev.netloom.graph.project.ProjectFile;
import dev.netloom.train.data.audio.WavFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The keyword-spotting template end to end on clips made here: three classes of tones (1 s at
 * 16 kHz, each with its own phase, loudness, start and noise) in WAV class folders, read as
 * [1, 40, 49] log-mel spectrograms (40 ms windows every 20 ms, as Hello Edge), trained with
 * {@code netloom train}, exported with {@code netloom export} (parity checked in ONNX Runtime), and a
 * bundle whose manifest and README describe the audio input and whose examples read WAV clips.
 */
class AudioModelEndToEndTest {

    @Test
    void theKeywordTemplateTrainsOnWavClipsAndExportsABundleThatReadsAudio(@TempDir Path dir) throws Exception {
        writeTones(dir.resolve("clips"), 30);
        ProjectFile files = new ProjectFile(LayerCatalog.standard());
        Project template = new dev.netloom.graph.project.Templates(files).find("ds-cnn-s").orElseThrow().project();
        Graph g = template.graph();
        ObjectNode data = JsonNodeFactory.instance.objectNode().put("source", "audio-folder").put("folder", "clips")
                .put("windowMs", 40).put("hopMs", 20).put("validationFraction", 0.15).put("testFraction", 0.25);
        Path project = dir.resolve("keywords.netloom");
        files.write(template.withGraph(g.withReplacedNode(g.requireNode("keywords").withParam("classes", 3)))
                .withSection("data", data), project);

        Path model = dir.resolve("model");
        Cli train = Cli.run("train", project.toString(), "--epochs", "30", "--batch-size", "8", "--out", model.toString());
        assertThat(train.code()).as(train.err()).isZero();
        JsonNode preprocess = new ObjectMapper().readTree(model.resolve("preprocess.json").toFile());
        assertThat(preprocess.toString()).contains("\"kind\":\"log-mel\"", "\"frames\":49", "\"nFft\":1024");

        Path bundle = dir.resolve("bundle");
        Cli export = Cli.run("export", model.toString(), "--device", "raspberry-pi-5", "--precision", "int8", "--out",
                bundle.toString(), "--signing-key-dir", dir.resolve("keys").toString());
        assertThat(export.code()).as(export.err()).isZero();
        assertThat(export.out()).contains("PASSED");
        JsonNode manifest = new ObjectMapper().readTree(bundle.resolve("manifest.json").toFile());
        JsonNode input = manifest.path("inputs").get(0);
        assertThat(input.path("preprocessing").path("kind").asText()).isEqualTo("log-mel");
        assertThat(input.path("preprocessing").path("mean")).hasSize(1);
        assertThat(manifest.path("parity").path("passed").asBoolean()).isTrue();
        double accuracy = manifest.path("accuracy").path("accuracy").asDouble();
        System.out.printf("ds-cnn-s on tones: bundle accuracy %s%n", manifest.path("accuracy"));
        assertThat(accuracy).as(manifest.path("accuracy").toString()).isGreaterThan(0.9);
        assertThat(Files.readString(bundle.resolve("README.md"))).contains("WAV clip", "HTK-mel");
        assertThat(Files.readString(bundle.resolve("run_model.py"))).contains("def log_mel(");
        assertThat(Files.readString(bundle.resolve("run_model.mjs"))).contains("export function logMelValues(");
    }

    private static void writeTones(Path folder, int perClass) throws Exception {
        Random r = new Random(21);
        int rate = 16000;
        for (double hz : new double[] {350, 1200, 3500}) {
            Path classFolder = Files.createDirectories(folder.resolve("tone" + (int) hz));
            for (int i = 0; i < perClass; i++) {
                short[] clip = new short[rate];
                double phase = r.nextDouble() * 2 * Math.PI;
                double loudness = 2000 + r.nextDouble() * 8000;
                int start = r.nextInt(rate / 4);
                for (int n = 0; n < clip.length; n++) {
                    double tone = n < start ? 0 : loudness * Math.sin(2 * Math.PI * hz * n / rate + phase);
                    clip[n] = (short) Math.max(-32768, Math.min(32767, tone + r.nextGaussian() * 500));
                }
                Files.write(classFolder.resolve("clip" + i + ".wav"), WavFile.encode(rate, clip));
            }
        }
    }
}
