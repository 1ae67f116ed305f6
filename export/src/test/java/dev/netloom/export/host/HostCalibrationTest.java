package dev.netloom.export.host;

import dev.netloom.devices.DeviceCatalog;
import dev.netloom.devices.DeviceProfile;
import dev.netloom.devices.Provenance;
import dev.netloom.graph.Precision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/** The real calibration on this machine (about a second), and the profile it writes. */
class HostCalibrationTest {

    @TempDir
    Path dir;

    @Test
    void measuresThisComputerAndTheCatalogShowsItInsteadOfThePlaceholder() throws Exception {
        long start = System.nanoTime();
        Path written = new HostCalibration().calibrate(1, dir);
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(seconds).isLessThan(10); // about 1 s alone; generous for a shared 2-core machine
        assertThat(written).isEqualTo(dir.resolve("this-computer.json"));
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(written); // the temp file was renamed, nothing left over
        }
        DeviceProfile p = DeviceCatalog.standard().withUserProfiles(dir).find(DeviceCatalog.THIS_COMPUTER).orElseThrow();
        assertThat(p.calibrated()).isTrue();
        assertThat(p.name()).startsWith("This computer (").doesNotContain("not calibrated");
        assertThat(p.compute().peak(Precision.FP32).provenance()).isEqualTo(Provenance.MEASURED);
        assertThat(p.compute().peak(Precision.FP32).source()).startsWith("measured on " + LocalDate.now() + ", ");
        assertThat(p.compute().peak(Precision.FP32).value()).isBetween(0.5, 5000.0);
        assertThat(p.memory().bandwidthGBps().value()).isBetween(0.1, 1000.0);
        assertThat(p.preferredRuntime().perOperatorOverheadUs().value()).isBetween(0.01, 1000.0);
        System.out.println("calibrated in " + seconds + " s: " + Files.readString(written));
    }

    @Test
    void parallelEfficiencyComesFromTheTwoMatMulRuns() {
        HostMeasurement m = new HostMeasurement(LocalDate.of(2026, 1, 2), "Test CPU", 4, 4, 10, 25, 20, 8, 3, "1.23.2");
        assertThat(m.parallelEfficiency()).isEqualTo(0.5);
        assertThat(new HostMeasurement(LocalDate.now(), "x", 4, 4, 10, 60, 0, 8, 3, "v").parallelEfficiency()).isEqualTo(1);
        assertThat(new HostMeasurement(LocalDate.now(), "x", 4, 1, 10, 10, 0, 8, 3, "v").parallelEfficiency()).isEqualTo(1);
    }

    @Test
    void theCalibrationModelsAreValidOnnxThatOnnxRuntimeAccepts() throws Exception {
        try (var env = ai.onnxruntime.OrtEnvironment.getEnvironment();
             var opts = new ai.onnxruntime.OrtSession.SessionOptions()) {
            for (byte[] model : new byte[][] {CalibrationModels.matMul(), CalibrationModels.matMulInteger(),
                    CalibrationModels.add(), CalibrationModels.chain()}) {
                try (var s = env.createSession(model, opts)) {
                    assertThat(s.getOutputNames()).hasSize(1);
                }
            }
        }
    }
}
