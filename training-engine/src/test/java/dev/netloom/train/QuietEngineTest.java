package dev.netloom.train;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * libtorch writes its own warnings straight to the process's stderr, past Java's System.err; a
 * training run (with its best weights written back) and loading weights must not print the
 * "AutoNonVariableTypeMode is deprecated" warning every training command used to print.
 */
class QuietEngineTest {

    @Test
    void trainingAndLoadingWeightsPrintNoLibtorchDeprecationWarning() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "-Xmx512m", "-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=1",
                "-cp", System.getProperty("java.class.path"), QuietTrainingMain.class.getName()).start();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(new String(out, StandardCharsets.UTF_8)).as(err).contains("weights copied");
        assertThat(err).doesNotContain("AutoNonVariableTypeMode");
    }
}
