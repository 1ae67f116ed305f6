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
        Path written = new HostCalibration().calibrate(1, dir);
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
        // Calibrated with one thread, thread scaling is still measured on a machine with several cores.
        if (Runtime.getRuntime().availableProcessors() > 1) {
            assertThat(p.compute().parallelEfficiency().source()).contains("from 1 to "
                    + Math.min(4, Runtime.getRuntime().availableProcessors()) + " threads");
        }
        assertThat(p.compute().cores()).isEqualTo(Runtime.getRuntime().availableProcessors());
        System.out.println("calibrated: " + Files.readString(written));
    }

    @Test
    void parallelEfficiencyComesFromTheTwoMatMulRuns() {
        HostMeasurement m = new HostMeasurement(LocalDate.of(2026, 1, 2), "Test CPU", 4, 4, 10, 25, 20, 8, 3, "1.23.2");
        assertThat(m.parallelEfficiency()).isEqualTo(0.5);
        assertThat(new HostMeasurement(LocalDate.now(), "x", 4, 4, 10, 60, 0, 8, 3, "v").parallelEfficiency()).isEqualTo(1);
        assertThat(new HostMeasurement(LocalDate.now(), "x", 4, 1, 10, 10, 0, 8, 3, "v").parallelEfficiency()).isEqualTo(1);
    }

    @Test
    void threadScalingIsMeasuredWithTheScalingRunsThreadsNotThePredictionThreads() {
        // Predictions on 1 thread; scaling measured from 1 to 2 threads: 10 -> 18 GFLOP/s is 0.8 of a core added.
        HostMeasurement m = new HostMeasurement(LocalDate.now(), "x", 2, 1, 10, 18, 0, 8, 3, "v", 0, 0, 0, 0, 2, 1.05);
        assertThat(m.parallelEfficiency()).isCloseTo(0.8, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(m.busyWarning()).isEmpty();
    }

    @Test
    void aBusyComputerIsSaidInOneLineAndInTheProfile() throws Exception {
        HostMeasurement busy = new HostMeasurement(LocalDate.now(), "Test CPU", 2, 1, 10, 12, 0, 8, 3, "v", 0, 0, 0, 0, 2, 1.6);
        assertThat(busy.looksBusy()).isTrue();
        assertThat(busy.busyWarning()).hasValueSatisfying(w -> assertThat(w)
                .isEqualTo("warning: this computer looked busy while it was measured (the median run was 60% slower than the "
                        + "fastest); the figures are the fastest runs, but calibrate again when it is quiet for steadier ones"));
        Path written = HostCalibration.write(busy, dir);
        DeviceProfile p = DeviceCatalog.standard().withUserProfiles(dir).find(DeviceCatalog.THIS_COMPUTER).orElseThrow();
        assertThat(p.summary()).contains("looked busy");
        assertThat(written).isRegularFile();
    }

    @Test
    void beforeCalibrationThisComputerHasTheCoresThisMachineHas() {
        DeviceProfile p = DeviceCatalog.standard().find(DeviceCatalog.THIS_COMPUTER).orElseThrow();
        assertThat(p.calibrated()).isFalse();
        assertThat(p.compute().cores()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(p.defaultThreads()).isEqualTo(Runtime.getRuntime().availableProcessors());
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
