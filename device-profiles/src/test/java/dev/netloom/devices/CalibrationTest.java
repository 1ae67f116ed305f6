package dev.netloom.devices;

import dev.netloom.graph.Precision;
import dev.netloom.graph.analysis.GraphAnalysis;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The estimator against published MobileNetV2 latencies (ncnn benchmark, FIGURES.md): every
 * calibration point in every shipped profile within 30%. Fitted points are checked to reproduce
 * (the fit is not circular in secret: its inputs are listed), held-out points are the real test.
 */
class CalibrationTest {

    private static final GraphAnalysis MOBILENET = MobileNet.v2();
    private final DeviceCatalog catalog = DeviceCatalog.standard();

    @Test
    void theTemplateIsTheModelOfThePublishedTables() {
        assertThat(MOBILENET.total().activeMultiplyAdds()).isBetween(300_000_000L, 301_000_000L);
    }

    @Test
    void everyCalibrationPointIsWithinThirtyPercentAndThePrintedTableShowsIt() {
        List<String> rows = new ArrayList<>();
        rows.add(String.format(Locale.ROOT, "%-18s %-5s %7s %10s %10s %7s  %s", "device", "prec", "threads",
                "published", "estimated", "error", "use"));
        int points = 0;
        for (DeviceProfile d : catalog.all()) {
            for (CalibrationPoint p : d.calibration()) {
                double estimated = new Estimator().estimate(MobileNet.template(p.template()), d,
                        PrecisionPlan.uniform(p.precision()), p.threads()).latencyMs();
                double error = (estimated - p.latencyMs()) / p.latencyMs();
                rows.add(String.format(Locale.ROOT, "%-18s %-5s %7d %8.1f ms %7.1f ms %+6.1f%%  %s", d.id(),
                        p.precision().name().toLowerCase(Locale.ROOT), p.threads(), p.latencyMs(), estimated,
                        100 * error, p.fitted() ? "fitted" : "held-out"));
                assertThat(Math.abs(error)).as(d.id() + " @" + p.threads()).isLessThan(0.30);
                points++;
            }
        }
        System.out.println(String.join("\n", rows));
        assertThat(points).isEqualTo(5);
    }

    @Test
    void theFittedEfficienciesInTheFilesAreWhatTheFitGives() {
        DeviceProfile pi4 = catalog.find("raspberry-pi-4").orElseThrow();
        double parallel = CalibrationFit.parallelEfficiency(MOBILENET, pi4, Precision.FP32, 4, 61.9, 93.5);
        assertThat(pi4.compute().parallelEfficiency().value()).isCloseTo(parallel, within(0.002));
        assertThat(pi4.compute().efficiency().value())
                .isCloseTo(CalibrationFit.efficiency(MOBILENET, pi4, Precision.FP32, parallel, 4, 61.9), within(0.002));
        DeviceProfile pi5 = catalog.find("raspberry-pi-5").orElseThrow();
        assertThat(pi5.compute().efficiency().value())
                .isCloseTo(CalibrationFit.efficiency(MOBILENET, pi5, Precision.FP16, parallel, 4, 10.5), within(0.005));
        DeviceProfile jetson = catalog.find("jetson-orin-nano").orElseThrow();
        assertThat(jetson.compute().efficiency().value())
                .isCloseTo(CalibrationFit.efficiency(MOBILENET, jetson, Precision.FP16, parallel, 6, 6.5), within(0.01));
    }

    @Test
    void theHeldOutOneThreadFigureOfThePi5IsWithinFifteenPercent() {
        // The one real test of the thread model: nothing about the Pi 5's 1-thread figure went into the fit.
        DeviceProfile pi5 = catalog.find("raspberry-pi-5").orElseThrow();
        double oneThread = new Estimator().estimate(MOBILENET, pi5, PrecisionPlan.uniform(Precision.FP16), 1).latencyMs();
        assertThat(oneThread).isCloseTo(16.4, within(16.4 * 0.15));
    }
}
