package dev.netloom.app.studio;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Help › About's versions come from the jars on the class path (the test class path has them all). */
class VersionsTest {

    @Test
    void everyComponentsVersionIsReadFromItsJar() {
        Versions v = Versions.read();
        assertThat(v.djl()).matches("\\d+\\.\\d+\\.\\d+");
        assertThat(v.pytorch()).matches("\\d+\\.\\d+\\.\\d+");
        assertThat(v.onnxRuntime()).matches("\\d+\\.\\d+\\.\\d+");
        assertThat(v.text()).contains("Deep Java Library (training) " + v.djl(), "PyTorch (libtorch) " + v.pytorch(),
                "ONNX Runtime (export, verification) " + v.onnxRuntime(), "JavaFX ", "Java " + System.getProperty("java.version"));
    }
}
