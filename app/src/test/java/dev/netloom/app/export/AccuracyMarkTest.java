package dev.netloom.app.export;

import dev.netloom.devices.DeviceEstimate;
import dev.netloom.graph.Precision;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccuracyMarkTest {

    @Test
    void aDropWithinTheThresholdKeepsAndBeyondItLoses() {
        assertThat(AccuracyMark.of(0.9150, 0.92, 1.0).state()).isEqualTo(AccuracyMark.State.KEEPS);
        assertThat(AccuracyMark.of(0.91, 0.92, 1.0).state()).isEqualTo(AccuracyMark.State.KEEPS); // exactly 1 point
        AccuracyMark lost = AccuracyMark.of(0.515, 0.9273, 1.0);
        assertThat(lost.state()).isEqualTo(AccuracyMark.State.LOSES);
        assertThat(lost.dropPoints()).isCloseTo(41.23, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(lost.text()).isEqualTo("Loses 41.23 points");
        assertThat(lost.word()).isEqualTo("NO");
        assertThat(lost.sentence()).contains("41.23", "1.0 point");
        // A gain keeps, and says it is a gain.
        assertThat(AccuracyMark.of(0.93, 0.92, 0.0).sentence()).startsWith("keeps accuracy: gain 1.00 points");
        // A stricter threshold turns the same drop into a loss.
        assertThat(AccuracyMark.of(0.915, 0.92, 0.3).loses()).isTrue();
    }

    @Test
    void nothingMeasuredIsNotCheckedNeverKept() {
        AccuracyMark a = AccuracyMark.of(Double.NaN, 0.92, 1.0);
        AccuracyMark b = AccuracyMark.of(0.92, Double.NaN, 1.0);
        for (AccuracyMark m : List.of(a, b)) {
            assertThat(m.state()).isEqualTo(AccuracyMark.State.NOT_CHECKED);
            assertThat(m.keeps()).isFalse();
            assertThat(m.loses()).isFalse();
            assertThat(m.text()).isEqualTo("Accuracy not checked");
        }
        assertThatThrownBy(() -> AccuracyMark.of(0.9, 0.9, -1)).hasMessageContaining("0 or more points");
    }

    @Test
    void aTableRowIsComparedWithTheTablesFp32Row() {
        List<PrecisionFit> rows = List.of(fit(Precision.FP32, 0.90), fit(Precision.INT4, 0.895), fit(Precision.INT2, 0.60));
        assertThat(AccuracyMark.of(rows.get(0), rows, 1.0).state()).isEqualTo(AccuracyMark.State.REFERENCE);
        assertThat(AccuracyMark.of(rows.get(1), rows, 1.0).keeps()).isTrue();
        assertThat(AccuracyMark.of(rows.get(2), rows, 1.0).loses()).isTrue();
        List<PrecisionFit> noFp32 = List.of(fit(Precision.FP32, Double.NaN), fit(Precision.INT4, 0.895));
        assertThat(AccuracyMark.of(noFp32.get(1), noFp32, 1.0).state()).isEqualTo(AccuracyMark.State.NOT_CHECKED);
    }

    private static PrecisionFit fit(Precision p, double accuracy) {
        DeviceEstimate e = new DeviceEstimate("raspberry-pi-5", 4, List.of(), 0.1, 1000, 1000, "fc1",
                true, true, java.util.Set.of(), List.of(), java.util.Optional.empty());
        return new PrecisionFit(p, e, 1 << 20, 1 << 20, accuracy);
    }
}
