package dev.netloom.train;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Same seed, same numbers: a training with dropout, router noise and discrete expert routing
 * gives identical losses, bit for bit, run twice in one process, on another thread (as search
 * trials and the Train view run), and in a second process.
 */
class SameSeedSameNumbersTest {

    @Test
    void twiceInOneProcessAndOnAnotherThread() throws Exception {
        List<String> first = SameSeedTraining.numbers();
        assertThat(first).filteredOn(l -> l.startsWith("step ")).hasSize(3 * 19);
        assertThat(SameSeedTraining.numbers()).isEqualTo(first);

        AtomicReference<Object> elsewhere = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                elsewhere.set(SameSeedTraining.numbers());
            } catch (Exception | Error e) {
                elsewhere.set(e);
            }
        }, "another-trainer");
        t.start();
        t.join();
        assertThat(elsewhere.get()).isEqualTo(first);
    }

    @Test
    void inASecondProcess() throws Exception {
        List<String> here = SameSeedTraining.numbers();
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx512m", "-Dai.djl.offline=true",
                "-cp", System.getProperty("java.class.path"), SameSeedTraining.class.getName());
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out.lines().toList()).isEqualTo(here);
    }
}
