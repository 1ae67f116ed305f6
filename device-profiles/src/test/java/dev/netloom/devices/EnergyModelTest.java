package dev.netloom.devices;

import dev.netloom.graph.Precision;
import dev.netloom.graph.analysis.GraphAnalysis;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Energy of a prediction: the power draw by busy cores, times the estimated latency. */
class EnergyModelTest {

    private static final DeviceCatalog CATALOG = DeviceCatalog.standard();
    private static final GraphAnalysis MOBILENET = MobileNet.v2();

    private static PowerDraw draw(double active, int activeCores, Double idle) {
        return new PowerDraw(Optional.of(Figure.derived(active, "test")), activeCores,
                Optional.ofNullable(idle).map(i -> Figure.derived(i, "test")), "test");
    }

    @Test
    void withAnIdleFigureEachBusyCoreAddsItsShareOfTheDrawAboveIdle() {
        PowerDraw pi4Like = draw(7.2, 0, 1.6);
        // 1.6 + (7.2 - 1.6) * busy / 4
        assertThat(EnergyModel.watts(pi4Like, 4, 1)).get().satisfies(w -> assertThat(w).isCloseTo(3.0, within(1e-12)));
        assertThat(EnergyModel.watts(pi4Like, 4, 2)).get().satisfies(w -> assertThat(w).isCloseTo(4.4, within(1e-12)));
        assertThat(EnergyModel.watts(pi4Like, 4, 4)).get().satisfies(w -> assertThat(w).isCloseTo(7.2, within(1e-12)));
        assertThat(EnergyModel.watts(pi4Like, 4, 16)).get().satisfies(w -> assertThat(w).isCloseTo(7.2, within(1e-12)));
    }

    @Test
    void withoutAnIdleFigureIdleCountsAsZeroAndAOneCoreFigureScalesByCores() {
        assertThat(EnergyModel.watts(draw(11, 0, null), 4, 1)).get()
                .satisfies(w -> assertThat(w).isCloseTo(2.75, within(1e-12)));
        // a phone figure taken with its one big core busy, four threads on six modelled cores
        assertThat(EnergyModel.watts(draw(6.27, 1, null), 6, 4)).get()
                .satisfies(w -> assertThat(w).isCloseTo(25.08, within(1e-9)));
        // one browser thread's share of a 35 W, 12-core package
        assertThat(EnergyModel.watts(draw(35, 12, null), 1, 1)).get()
                .satisfies(w -> assertThat(w).isCloseTo(35.0 / 12, within(1e-12)));
        assertThat(EnergyModel.watts(PowerDraw.unknown("not measured"), 4, 4)).isEmpty();
    }

    @Test
    void theEstimateChargesPowerTimesLatencyInMillijoules() {
        DeviceProfile pi5 = CATALOG.find("raspberry-pi-5").orElseThrow();
        DeviceEstimate four = new Estimator().estimate(MOBILENET, pi5, PrecisionPlan.uniform(Precision.FP32), 4);
        EnergyEstimate e = four.energy().orElseThrow();
        assertThat(e.watts()).isEqualTo(11.0);
        assertThat(e.millijoules()).isCloseTo(11.0 * four.latencyMs(), within(1e-9 * e.millijoules()));
        assertThat(four.energyMj()).isEqualTo(e.millijoules());
        assertThat(e.provenance()).isEqualTo(Provenance.PUBLISHED);
        assertThat(e.basis()).startsWith("11 W for 4 busy cores: 11 W published with 4 busy cores (the whole board at the wall");

        DeviceEstimate one = new Estimator().estimate(MOBILENET, pi5, PrecisionPlan.uniform(Precision.FP32), 1);
        assertThat(one.energy().orElseThrow().watts()).isCloseTo(2.75, within(1e-12));
        assertThat(one.energyMj()).isCloseTo(2.75 * one.latencyMs(), within(1e-9 * one.energyMj()));
    }

    @Test
    void aDeviceWithoutAPowerFigureHasNoEnergyAndSaysWhy() {
        DeviceProfile host = CATALOG.find(DeviceCatalog.THIS_COMPUTER).orElseThrow();
        DeviceEstimate e = new Estimator().estimate(MOBILENET, host, PrecisionPlan.uniform(Precision.FP32), 1);
        assertThat(e.energy()).isEmpty();
        assertThat(e.energyMj()).isNaN();
        assertThat(e.reasons()).anySatisfy(r -> assertThat(r).startsWith("No energy estimate: this computer's power draw is not measured"));
    }

    @Test
    void aPowerSectionIsCheckedLikeEveryOtherFigure() throws ProfileFormatException {
        String pi4 = DeviceCatalogTest.shipped("raspberry-pi-4");
        assertThatThrownBy(() -> DeviceCatalog.parse(pi4.replace("\"value\": 1.6,", "\"value\": 9.5,"), "pi.json"))
                .isInstanceOf(ProfileFormatException.class)
                .hasMessage("pi.json: $.power.idleW.value: expected an idle power no higher than the active 7.2 W, got 9.5");
        String noActive = pi4.replaceFirst("\"activeW\": \\{[^}]*},", "");
        assertThatThrownBy(() -> DeviceCatalog.parse(noActive, "pi.json"))
                .hasMessage("pi.json: $.power.activeW: expected an active power in watts beside the idle one, got nothing");
        assertThatThrownBy(() -> DeviceCatalog.parse(pi4.replace("\"scope\": \"the whole board", "\"scoop\": \"the whole board"), "pi.json"))
                .hasMessage("pi.json: $.power.scope: expected text, got nothing");
        String older = pi4.replaceFirst("(?s)\"power\": \\{.*?\"scope\": \"[^\"]*\"\\s*},", "");
        DeviceProfile read = DeviceCatalog.parse(older, "old.json");
        assertThat(read.power().known()).isFalse();
        assertThat(read.power().scope()).isEqualTo("the profile gives no power figure");
    }
}
