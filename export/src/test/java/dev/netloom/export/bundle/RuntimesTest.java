package dev.netloom.export.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The versions bundles name are the versions the conformance suite installs and runs
 * (conformance/package.json) and the Java runtime the exporter is built with (the parent pom).
 */
class RuntimesTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void theConformancePinsAreTheVersionsBundlesName() throws IOException {
        JsonNode deps = new ObjectMapper().readTree(ROOT.resolve("conformance/package.json").toFile()).path("dependencies");
        assertThat(deps.path("ort-node-newest").asText()).isEqualTo("npm:onnxruntime-node@" + Runtimes.NODE_NEWEST);
        assertThat(deps.path("ort-node-oldest").asText()).isEqualTo("npm:onnxruntime-node@" + Runtimes.NODE_OLDEST);
        assertThat(deps.path("onnxruntime-web").asText()).isEqualTo(Runtimes.WEB);
        deps.fields().forEachRemaining(d -> assertThat(d.getValue().asText()).as(d.getKey() + " is pinned exactly")
                .matches("(npm:[a-z-]+@)?\\d+\\.\\d+\\.\\d+"));
    }

    @Test
    void theJavaRuntimeBundlesAreCheckedInIsThePomsOnnxRuntime() throws IOException {
        Matcher m = Pattern.compile("<onnxruntime.version>([^<]+)</onnxruntime.version>")
                .matcher(Files.readString(ROOT.resolve("pom.xml")));
        assertThat(m.find()).isTrue();
        assertThat(dev.netloom.export.verify.OnnxSession.runtimeName()).endsWith(" " + m.group(1));
    }
}
