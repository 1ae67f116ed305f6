package dev.netloom.app.export;

import dev.netloom.devices.DeviceEstimate;
import dev.netloom.devices.LayerEstimate;
import dev.netloom.graph.Precision;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SlowerPrecisionTest {

    private static PrecisionFit fit(Precision p, double compute, double overhead) {
        LayerEstimate layer = new LayerEstimate("fc1", "Dense", p, compute, compute / 2, overhead, compute + overhead, "compute");
        DeviceEstimate e = new DeviceEstimate("raspberry-pi-5", 4, List.of(layer), compute + overhead, 1000, 1000, "fc1",
                true, true, Set.of(), List.of(), java.util.Optional.empty());
        return new PrecisionFit(p, e, 1 << 20, 1 << 20, Double.NaN);
    }

    @Test
    void overheadThatOutweighsTheSavingIsNamed() {
        PrecisionFit fp32 = fit(Precision.FP32, 0.10, 0.20);
        PrecisionFit int8 = fit(Precision.INT8, 0.04, 0.35);
        assertThat(SlowerPrecision.explain(fp32, int8)).hasValueSatisfying(line -> assertThat(line)
                .startsWith("INT8 is estimated slower than FP32 here (0.390 ms against 0.300 ms): ")
                .contains("quantize/dequantize steps it adds cost 0.150 ms", "more than the 0.060 ms"));
    }

    @Test
    void slowerKernelsAreNamedAndAFasterPrecisionSaysNothing() {
        PrecisionFit fp32 = fit(Precision.FP32, 0.10, 0.20);
        assertThat(SlowerPrecision.explain(fp32, fit(Precision.FP16, 0.30, 0.20)))
                .hasValueSatisfying(line -> assertThat(line).contains("computes FP16 layers slower"));
        assertThat(SlowerPrecision.explain(fp32, fit(Precision.INT8, 0.05, 0.20))).isEmpty();
    }
}
