package dev.netloom.export.calibrate;

import dev.netloom.devices.DeviceCatalog;
import dev.netloom.devices.DeviceProfile;
import dev.netloom.devices.PrecisionPlan;
import dev.netloom.graph.Precision;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Which devices the automatic plan writes static INT8 for: microcontrollers and devices with an integer NPU. */
class StaticInt8WantedTest {

    private static DeviceProfile device(String id) {
        return DeviceCatalog.standard().all().stream().filter(d -> d.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void microcontrollersAndNpusWantItCpusAndGpusDoNot() {
        assertThat(StaticInt8.wantedBy(device("stm32h7"))).isTrue();
        assertThat(StaticInt8.wantedBy(device("esp32-s3"))).isTrue();
        assertThat(StaticInt8.wantedBy(device("snapdragon-8-gen-3"))).as("Hexagon NPU").isTrue();
        assertThat(StaticInt8.wantedBy(device("raspberry-pi-5"))).isFalse();
        assertThat(StaticInt8.wantedBy(device("jetson-orin-nano"))).as("a GPU takes FP32").isFalse();
        assertThat(StaticInt8.wantedBy(device("this-computer"))).isFalse();
    }

    @Test
    void aPlanHasInt8WhenItsDefaultOrALayerIs() {
        assertThat(StaticInt8.hasInt8(PrecisionPlan.uniform(Precision.INT8))).isTrue();
        assertThat(StaticInt8.hasInt8(PrecisionPlan.uniform(Precision.INT4))).isFalse();
        assertThat(StaticInt8.hasInt8(new PrecisionPlan(Precision.INT4, Map.of("fc", Precision.INT8)))).isTrue();
    }
}
